/**
 * Which process groups are whose. A trial runs in its own group (its pid); a trial with runs
 * (folds, repeats) has none of its own: each live run is a group, and the trial's usage is theirs
 * summed.
 */
import type { RunSnapshot, TrialSnapshot } from '../../engine/events.js';
import type { GroupUsage } from '../../engine/resources/types.js';
import { isActive } from '../../plugin-api/trial-state.js';
import type { SweepView } from './sweep-view.js';

/** The groups the resource monitor measures: each live trial's, or each live run's. */
export function resourceGroups(view: SweepView): number[] {
  const pids: number[] = [];
  for (const { snapshot } of view.trials.values()) {
    if (!isActive(snapshot.state)) continue;
    if (snapshot.runs) for (const run of snapshot.runs) pids.push(...livePid(run));
    else if (snapshot.pid !== null) pids.push(snapshot.pid);
  }
  return pids;
}

/**
 * A live trial's usage (its runs' summed); null when it has no live group measured. A sample
 * outlives a process by up to one interval: only live trials and runs count.
 */
export function trialUsage(trial: TrialSnapshot, groups: ReadonlyMap<number, GroupUsage> | null): GroupUsage | null {
  if (!groups || !isActive(trial.state)) return null;
  if (!trial.runs) return trial.pid === null ? null : (groups.get(trial.pid) ?? null);
  const usages = trial.runs.flatMap((run) => runUsage(run, groups) ?? []);
  if (usages.length === 0) return null;
  return {
    pgid: usages[0].pgid,
    cpuPercent: usages.reduce((sum, u) => sum + u.cpuPercent, 0),
    rssBytes: usages.reduce((sum, u) => sum + u.rssBytes, 0),
    processes: usages.reduce((sum, u) => sum + u.processes, 0),
    leaderState: usages[0].leaderState,
  };
}

export function runUsage(run: RunSnapshot, groups: ReadonlyMap<number, GroupUsage> | null): GroupUsage | null {
  const [pid] = livePid(run);
  return pid === undefined ? null : (groups?.get(pid) ?? null);
}

function livePid(run: RunSnapshot): number[] {
  return isActive(run.state) && run.pid !== null ? [run.pid] : [];
}
