/**
 * The command template, checked once when the sweep file is read and rendered per trial.
 * Without `shell`, a string command is split with POSIX quoting rules (no expansion) *before*
 * values are substituted, so a value is always exactly one argv item, whatever it contains.
 * With `shell`, values are single-quoted into the string given to /bin/sh -c.
 */
import * as shlex from 'shlex';
import type { Params, ParamValue } from '../../plugin-api/space.js';
import type { CommandTemplate } from '../config/types.js';
import { parseSegments, placeholdersOf, type Segment } from './segments.js';

/** Placeholders that expand to several argv items and so must stand alone. */
const SPREAD = new Set(['args', 'args_hydra']);
const BUILT_IN = new Set(['trial.id', 'trial.dir', 'trial.attempt', 'sweep.dir', 'sweep.name', 'args_json_file', ...SPREAD]);

export class TemplateError extends Error {}

/** How {args} spells a parameter's option: as written, or with `_` turned into `-` (argparse style). */
export type ArgsStyle = 'as_written' | 'dashes';

export interface CompiledCommand {
  shell: boolean;
  argsStyle: ArgsStyle;
  /** Without shell: one entry per argv item. With shell: the pieces joined by spaces. */
  pieces: Segment[][];
  /** What a placeholder naming a parameter gets while the parameter is absent (its `when:` false). */
  absentValues: Record<string, ParamValue>;
}

/**
 * Placeholders a template may use besides the trial's own (a hook's {objective}, {state}…), each
 * filled from TrialVars.extra and quoted exactly as a parameter's value is.
 */
export interface ExtraPlaceholders {
  names: readonly string[];
  /** How the error for an unknown placeholder lists what there is. */
  listed: string;
}

export interface TrialVars {
  params: Params;
  /** A run's fold and repeat (sweeps with `folds` or `repeats`): {fold}, {repeat}. */
  fold?: number;
  repeat?: number;
  /** A budget sweep's level being run: {budget}. */
  budget?: number;
  trialId: number;
  attempt: number;
  trialDir: string;
  sweepDir: string;
  sweepName: string;
  paramsFile: string;
  /** Values of the template's extra placeholders (and of anything it overrides: a hook's {trial.id} with no trial is ''). */
  extra?: Readonly<Record<string, string>>;
}

export function compileCommand(
  template: CommandTemplate,
  shell: boolean,
  parameterNames: readonly string[],
  argsStyle: ArgsStyle = 'as_written',
  /** {fold} and {repeat}, as far as the sweep has folds or repeats. */
  runPlaceholders: readonly string[] = [],
  /** The parameters with a `when:`, each with its `default:` (undefined without one). */
  conditional: ReadonlyMap<string, ParamValue | undefined> = new Map(),
  extra: ExtraPlaceholders | null = null,
): CompiledCommand {
  let texts: string[];
  if (template.kind === 'argv' || shell) {
    texts = template.kind === 'argv' ? template.items : [template.text];
  } else {
    try {
      texts = shlex.split(template.text);
    } catch (error) {
      throw new TemplateError(`cannot split the command: ${(error as Error).message} (check its quotes)`);
    }
  }
  if (texts.length === 0) throw new TemplateError('the command is empty');
  const pieces = texts.map(parseSegments);
  for (const piece of pieces) checkPiece(piece, shell, [...parameterNames, ...runPlaceholders], extra);
  const absentValues = checkConditional(pieces, conditional);
  if (shell) {
    const quoted = texts.map(quotedPlaceholder).find(Boolean);
    if (quoted) throw new TemplateError(`with shell: true every value is quoted for you; remove the quotes around {${quoted}}`);
  }
  return { shell, argsStyle, pieces, absentValues };
}

/**
 * A placeholder naming a conditional parameter needs a value for the trials where it is absent:
 * left empty, `--momentum {momentum}` would hand the script `--momentum ''`. {args} and the
 * environment simply leave such a parameter out.
 */
function checkConditional(pieces: Segment[][], conditional: ReadonlyMap<string, ParamValue | undefined>): Record<string, ParamValue> {
  const absentValues: Record<string, ParamValue> = {};
  for (const name of new Set(pieces.flatMap(placeholdersOf))) {
    if (!conditional.has(name)) continue;
    const fallback = conditional.get(name);
    if (fallback === undefined) {
      throw new TemplateError(
        `{${name}} names parameter ${name}, which is absent when its when: is false; ` +
          `give ${name} a default: (the value the command gets then), or pass it through {args}`,
      );
    }
    absentValues[name] = fallback;
  }
  return absentValues;
}

function checkPiece(piece: Segment[], shell: boolean, parameterNames: readonly string[], extra: ExtraPlaceholders | null): void {
  for (const name of placeholdersOf(piece)) {
    if (extra?.names.includes(name)) continue;
    if ((name === 'fold' || name === 'repeat') && !parameterNames.includes(name)) {
      throw new TemplateError(`{${name}} needs ${name}s: N in the sweep file (each trial then runs once per ${name})`);
    }
    if (name === 'budget' && !parameterNames.includes(name)) {
      throw new TemplateError('{budget} needs budget: {min, max} in the sweep file (each trial then runs at growing budgets)');
    }
    if (!BUILT_IN.has(name) && !parameterNames.includes(name)) {
      throw new TemplateError(
        `placeholder {${name}} matches no parameter; parameters: ${parameterNames.join(', ') || 'none'}` +
          ` (also ${extra?.listed ?? '{trial.id}, {trial.dir}, {sweep.dir}, {sweep.name}, {args}, {args_hydra}, {args_json_file}'}; write {{ for a literal brace)`,
      );
    }
    if (SPREAD.has(name) && !shell && piece.length !== 1) {
      throw new TemplateError(`{${name}} expands to several arguments, so it must be a whole argument on its own`);
    }
  }
}

/** The first placeholder written inside '…' or "…" in a shell command, if any. */
function quotedPlaceholder(text: string): string | undefined {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quote !== "'") i++;
    else if (quote && ch === quote) quote = null;
    else if (!quote && (ch === "'" || ch === '"')) quote = ch;
    else if (quote && ch === '{' && text[i + 1] !== '{') {
      const match = /^\{([A-Za-z_][A-Za-z0-9_.-]*)\}/.exec(text.slice(i));
      if (match) return match[1];
    }
  }
  return undefined;
}

export function renderCommand(command: CompiledCommand, vars: TrialVars): string[] {
  if (command.shell) {
    const text = command.pieces.map((piece) => renderPiece(piece, vars, command, (values) => values.map(shlex.quote).join(' '))).join(' ');
    return ['/bin/sh', '-c', text];
  }
  return command.pieces.flatMap((piece) => {
    if (piece.length === 1 && 'placeholder' in piece[0] && SPREAD.has(piece[0].placeholder)) {
      return spread(piece[0].placeholder, vars.params, command.argsStyle);
    }
    return [renderPiece(piece, vars, command, (values) => values.join(' '))];
  });
}

function renderPiece(piece: Segment[], vars: TrialVars, command: CompiledCommand, join: (values: string[]) => string): string {
  return piece.map((segment) => ('literal' in segment ? segment.literal : join(valuesOf(segment.placeholder, vars, command)))).join('');
}

function valuesOf(name: string, vars: TrialVars, { argsStyle, absentValues }: CompiledCommand): string[] {
  if (vars.extra && Object.hasOwn(vars.extra, name)) return [vars.extra[name]];
  switch (name) {
    case 'trial.id':
      return [String(vars.trialId)];
    case 'trial.attempt':
      return [String(vars.attempt)];
    case 'fold':
    case 'repeat':
      if (vars[name] !== undefined) return [String(vars[name])];
      break;
    case 'budget':
      if (vars.budget !== undefined) return [String(vars.budget)];
      break;
    case 'trial.dir':
      return [vars.trialDir];
    case 'sweep.dir':
      return [vars.sweepDir];
    case 'sweep.name':
      return [vars.sweepName];
    case 'args_json_file':
      return [vars.paramsFile];
    case 'args':
    case 'args_hydra':
      return spread(name, vars.params, argsStyle);
  }
  if (vars.params[name] === undefined && Object.hasOwn(absentValues, name)) return [formatValue(absentValues[name])];
  // a trial's values are checked when it is created and when it is read back: a missing one
  // here is sweeptop's bug, and running the trial with an empty value would hide it
  if (vars.params[name] === undefined) {
    throw new Error(`internal error: trial ${vars.trialId} has no value for {${name}}; it is not run with an empty one`);
  }
  return [formatValue(vars.params[name])];
}

/**
 * `{args}` gives `--name=value`, `{args_hydra}` `name=value`. argparse accepts `--batch_size`
 * only if the script declared it so; most declare `--batch-size`, which `args_style: dashes` spells.
 */
function spread(name: string, params: Params, argsStyle: ArgsStyle): string[] {
  return Object.entries(params).map(([key, value]) => {
    if (name !== 'args') return `${key}=${formatValue(value)}`;
    const option = argsStyle === 'dashes' ? key.replaceAll('_', '-') : key;
    return `--${option}=${formatValue(value)}`;
  });
}

/** Floats as JavaScript writes them (`String(x)`), so params.json and the argv agree exactly. */
export function formatValue(value: ParamValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** An argv as a POSIX shell line, ready to paste. */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map((item) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(item) ? item : shlex.quote(item))).join(' ');
}
