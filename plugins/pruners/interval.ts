/**
 * Warm-up and interval windows, as Optuna's percentile and threshold pruners define them: no
 * check before `warmupSteps`; after it, steps fall into windows of `intervalSteps` starting at
 * the warm-up, and only the first report inside each window is checked. A window with no report
 * is not skipped: its check happens at the next report, whichever window that is in.
 */
export interface IntervalSettings {
  warmupSteps: number;
  intervalSteps: number;
}

export function isCheckedStep(step: number, previousStep: number | null, { warmupSteps, intervalSteps }: IntervalSettings): boolean {
  if (step < warmupSteps) return false;
  const windowStart = Math.floor((step - warmupSteps) / intervalSteps) * intervalSteps + warmupSteps;
  return previousStep === null || previousStep < windowStart;
}
