/**
 * Numbers as training scripts print them. Python writes `nan`, `inf`, `-inf`; JavaScript and
 * numpy write `NaN` and `Infinity`; both write `1e-05` and `.5`. Hex, `1_000` and `1,5` are not
 * numbers here: they are far more often ids, counts and locales than metrics.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^([+-]?)(?:nan|inf|infinity)$/i;

export function parseMetricNumber(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const special = NOT_FINITE.exec(text);
  if (!special) return undefined;
  if (special[0].replace(/^[+-]/, '').toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}
