/**
 * The one loader of a sweep directory, for every reader: status, best, export, replay, resume
 * (and a detached controller), stop. It returns one typed view: the head (sweep-head.ts), who
 * runs the sweep (controller-lock.ts), and every trial as recorded (stored-trials.ts); each
 * trial's metric points and curves are read on demand.
 */
import { isActive } from '../../plugin-api/trial-state.js';
import { controllerState, type ControllerState } from './controller-lock.js';
import { trialPaths } from './layout.js';
import { runPoints } from './stored-runs.js';
import { readMetricCurve, readMetricLog, type StoredPoint } from './metric-log.js';
import { executorProbe, judgeOrphan } from './orphans.js';
import type { TrialRecord } from './records.js';
import { readSweepHead, type SweepHead } from './sweep-head.js';
import { storedTrials } from './stored-trials.js';
import { objectiveSpec, type ObjectiveSpec } from '../metrics/objective.js';

export type SweepStatus = 'running' | 'finished' | 'stopped';

export type Objective = ObjectiveSpec;

/** What `status` and `best` take when the objective is not recorded (a damaged sweep.json alone). */
export const UNRECORDED_OBJECTIVE: Objective = objectiveSpec({ name: 'objective', goal: 'minimize' });

export interface StoredSweep extends SweepHead {
  /** The objective as recorded (the first of several); null when the sweep file is lost. */
  metric: Objective | null;
  /**
   * Every objective, in the sweep file's order: one for most sweeps (then `[metric]`), two or
   * more for a multi-objective sweep; null when the sweep file is lost.
   */
  objectives: Objective[] | null;
  /** `running` while a controller runs it, here or on another host. */
  status: SweepStatus;
  controller: ControllerState;
  /** In ascending id. */
  trials: TrialRecord[];
  /** A trial's metric points, in the order recorded. */
  points(trialId: number): Promise<StoredPoint[]>;
  /** One metric's values by ascending step, the last per step; an error names a damaged line. */
  curve(trialId: number, metric: string): Promise<Array<{ step: number; value: number }>>;
}

export interface LoadOptions {
  /**
   * Judge the trials a gone controller left running by their processes and exit_code files
   * (status, best, export). Without it they stay as recorded: replay takes only finished
   * trials, and resume finds out through the executor.
   */
  lookAtProcesses?: boolean;
}

export async function loadSweep(dir: string, options: LoadOptions = {}): Promise<StoredSweep> {
  const head = await readSweepHead(dir);
  const controller = controllerState(dir);
  const notices = controller.kind === 'gone' && controller.notice ? [...head.notices, controller.notice] : head.notices;
  const running = controller.kind === 'here' || controller.kind === 'elsewhere';
  const metric = head.config?.metric ? objectiveSpec(head.config.metric) : null;
  // recorded before sweeps had several objectives: the one there was
  const objectives = metric === null ? null : (head.config?.objectives?.map(objectiveSpec) ?? [metric]);
  const declared = Array.isArray(head.config?.parameters) ? head.config.parameters.map(({ name, when }) => ({ name, when })) : null;
  let trials = storedTrials(dir, head.document?.trials ?? [], declared);
  if (options.lookAtProcesses && !running && trials.some((t) => isActive(t.state))) {
    const probe = await executorProbe(head.config?.executor?.type ?? null);
    const objective = objectives ?? [UNRECORDED_OBJECTIVE];
    const recordedAt = head.document?.updatedAt ?? null;
    trials = await Promise.all(trials.map((t) => (isActive(t.state) ? judgeOrphan(dir, t, objective, probe, recordedAt) : t)));
  }
  return {
    ...head,
    notices,
    metric,
    objectives,
    controller,
    status: running ? 'running' : head.document?.phase === 'finished' ? 'finished' : 'stopped',
    trials,
    // a trial with folds or repeats: its runs' points, each in its run's context
    points: async (trialId) => [...(await readMetricLog(trialPaths(dir, trialId).metrics)), ...(await runPoints(trialPaths(dir, trialId)))],
    curve: (trialId, name) => readMetricCurve(trialPaths(dir, trialId).metrics, name),
  };
}
