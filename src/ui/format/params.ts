/** Parameter values as shown in cells and parsed back from the "new trial" form. */
import { allows, type ParamValue, type Parameter } from '../../plugin-api/space.js';
import { fitNumber } from './number.js';

export function formatParam(value: ParamValue | undefined, width = 10): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  // Four significant digits tell sampled values apart; more is noise in a table.
  if (typeof value === 'number') return fitNumber(Number.isInteger(value) ? value : Number(value.toPrecision(4)), width);
  return String(value);
}

/**
 * Reads what a person typed into a typed value for `parameter`: a choice matches one of its values
 * by text (so `true` selects the boolean and `"32"` the number 32 if that is what the choice
 * holds); a numeric parameter needs a number; anything else stays a string. Returns an error
 * message instead of guessing.
 */
export function parseParamInput(parameter: Parameter, text: string): { ok: true; value: ParamValue } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `${parameter.name}: a value is needed` };
  switch (parameter.kind) {
    case 'choice': {
      const match = parameter.values.find((v) => String(v) === trimmed);
      if (match !== undefined) return { ok: true, value: match };
      const options = parameter.values.map((v) => String(v)).join(', ');
      return { ok: false, error: `${parameter.name}: one of ${options}` };
    }
    case 'int':
    case 'float': {
      const value = Number(trimmed);
      if (!Number.isFinite(value)) return { ok: false, error: `${parameter.name}: expected a number` };
      if (parameter.kind === 'int' && !Number.isInteger(value)) {
        return { ok: false, error: `${parameter.name}: expected an integer` };
      }
      if (!allows(parameter, value)) return { ok: false, error: `${parameter.name}: outside ${describeParameter(parameter)}` };
      return { ok: true, value };
    }
    case 'const':
      return { ok: true, value: parameter.value };
  }
}

/** A one-line description of the allowed values, shown next to the form field. */
export function describeParameter(parameter: Parameter): string {
  switch (parameter.kind) {
    case 'choice':
      return parameter.values.map((v) => String(v)).join(' | ');
    case 'int':
      return `int ${parameter.low}..${parameter.high}${parameter.step !== 1 ? ` step ${parameter.step}` : ''}`;
    case 'float':
      return `${parameter.log ? 'log ' : ''}${parameter.low}..${parameter.high}`;
    case 'const':
      return `const ${String(parameter.value)}`;
  }
}
