/**
 * The budget levels of a budget sweep, by Hyperband's convention (Li et al. 2018): with
 * s_max = floor(log_η(max/min)), level k is max·η^-(s_max-k), so the top level is exactly `max`
 * and the lowest is the smallest such budget not below `min` (min 0.1, max 1, η 3: 0.111, 0.333, 1).
 */
export interface BudgetSpec {
  min: number;
  max: number;
  reductionFactor: number;
  /** Budgets are whole numbers (epochs): levels are rounded, and levels rounded alike merged. */
  integer: boolean;
}

/** log_η(max/min) of 2 must give 2, not 1.9999999: a ratio a hair below a power of η still counts as it. */
const LOG_SLACK = 1e-9;

/** The levels, ascending, the last one `max`. */
export function budgetLevels(spec: BudgetSpec): number[] {
  const { min, max, reductionFactor: eta, integer } = spec;
  const sMax = Math.max(0, Math.floor(Math.log(max / min) / Math.log(eta) + LOG_SLACK));
  const levels: number[] = [];
  for (let k = 0; k <= sMax; k++) {
    const exact = k === sMax ? max : max * eta ** -(sMax - k);
    const level = integer ? Math.max(1, Math.round(exact)) : exact;
    if (levels.at(-1) !== level) levels.push(level);
  }
  return levels;
}

/** A budget as the screens and reasons show it: three significant digits (0.333, 1, 27). */
export function formatBudget(budget: number): string {
  return String(Number(budget.toPrecision(3)));
}
