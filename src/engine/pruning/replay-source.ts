/** What replay reads from a SOURCE: the objective's name and goal (when recorded) and the curves. */
import type { Goal } from '../../plugin-api/plugin.js';
import { UserError } from '../errors.js';
import type { AcrossRunsSettings } from './across-runs.js';
import type { ReplayBudget } from './budget-replay.js';
import type { ReplayCurve } from './replay.js';

export interface ReplaySource {
  metric: string | undefined;
  goal: Goal | undefined;
  curves: ReplayCurve[];
  /** Ids of trials left out because they had not finished when the source was written. */
  skipped: string[];
  /** The sweep's own plugin modules (absolute paths): a user pruner replays as it ran. */
  plugins?: string[];
  /** What could not be read in the SOURCE and what was used instead, one line each. */
  notes?: readonly string[];
  /** A sweep with folds or repeats: its pruning across runs as recorded (null: none). */
  acrossRuns?: AcrossRunsSettings | null;
  /** A budget sweep: its levels and promotion rules as recorded (null: not one). */
  budget?: ReplayBudget | null;
  /** Why the metric and goal are not recorded, when the SOURCE should have recorded them. */
  unrecorded?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isGoal(value: unknown): value is Goal {
  return value === 'minimize' || value === 'maximize';
}

/** A bad SOURCE: `file: field: expected …, got …`. */
export function sourceError(file: string, field: string, detail: string): UserError {
  return new UserError(`${file}: ${field ? `${field}: ` : ''}${detail}`);
}
