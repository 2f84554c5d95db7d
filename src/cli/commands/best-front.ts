/**
 * `sweeptop best` on a sweep of several objectives: there is no one winner, so it lists the
 * Pareto front — the completed trials no other completed trial beats in every objective — sorted
 * by the first objective, each with the command to run it again. Completed trials missing an
 * objective cannot be compared and are named below the front, never left out without a word.
 */
import { encodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import { exportRow } from '../../engine/state/export-rows.js';
import type { Objective, StoredSweep } from '../../engine/state/load-sweep.js';
import { frontOf } from '../../engine/objectives/recorded.js';
import type { TrialRecord } from '../../engine/state/records.js';
import { paramEnvName } from '../../engine/sweep/launch-spec.js';
import { formatValue, quoteArgv } from '../../engine/template/command.js';
import { formatMetric, formatParams } from '../format.js';
import { println, type CommandIO } from '../io.js';
import { safeText } from '../../ui/format/safe-text.js';
import { rerunLines } from '../rerun.js';
import { versioned } from '../output/json-output.js';
import { BEST_JSON } from '../output/shapes.js';
import { textTable } from '../text-table.js';

export async function printFront(sweep: StoredSweep, objectives: readonly Objective[], json: boolean, io: CommandIO): Promise<number> {
  const { front, incomplete } = frontOf(sweep.trials, objectives);
  const members = await Promise.all(front.map((trial) => frontMember(sweep, trial, objectives)));
  if (json) {
    const record = versioned(BEST_JSON, 'front', {
      objectives: objectives.map(({ name, goal }) => ({ name, goal })),
      front: members,
      incomplete: incomplete.map((trial) => trial.id),
    });
    println(io.stdout, JSON.stringify(record, null, 2));
    return 0;
  }
  const missing = incompleteText(incomplete.map((trial) => trial.id));
  const goals = objectives.map((o) => `${o.name} (${o.goal})`).join(', ');
  if (front.length === 0) {
    io.stderr.write(`no completed trial with every objective yet: ${goals}${missing ? `; ${missing}` : ''}\n`);
    return 1;
  }
  println(
    io.stdout,
    `Pareto front: ${front.length} trial${front.length === 1 ? '' : 's'} that no other completed trial beats in every objective — ${goals}; by ${objectives[0].name}:`,
  );
  println(
    io.stdout,
    textTable(
      [{ header: 'id', align: 'right' }, ...objectives.map((o) => ({ header: o.name, align: 'right' as const })), { header: 'params' }],
      members.map((m) => [String(m.id), ...objectives.map((o) => formatMetric(m.objectives?.[o.name] ?? null)), formatParams(m.params)]),
    ),
  );
  if (missing) println(io.stdout, missing);
  for (const member of members) {
    const [first, ...rest] = rerunLines(
      member.cwd,
      member.command,
      (front.find((t) => t.id === member.id)!.runs ?? []).map((run) => ({ key: run.key, command: quoteArgv(run.argv) })),
    );
    println(io.stdout, safeText(`trial ${member.id}: ${first}`));
    for (const line of rest) println(io.stdout, safeText(line));
  }
  return 0;
}

/** `not on the front: trials 4, 9 completed without every objective`, or null when none. */
function incompleteText(ids: readonly number[]): string | null {
  if (ids.length === 0) return null;
  return `not on the front: trial${ids.length === 1 ? '' : 's'} ${ids.join(', ')} completed without every objective (cannot be compared)`;
}

async function frontMember(sweep: StoredSweep, trial: TrialRecord, objectives: readonly Objective[]) {
  const metrics: Record<string, JsonNumber> = { ...(trial.lastMetrics ?? {}) };
  if (Object.keys(metrics).length === 0) for (const point of await sweep.points(trial.id)) metrics[point.name] = encodeNumber(point.value);
  return {
    ...exportRow(trial, null, objectives),
    metrics,
    argv: trial.argv,
    command: quoteArgv(trial.argv),
    cwd: trial.cwd,
    env: Object.fromEntries(Object.entries(trial.params).map(([k, v]) => [paramEnvName(k), formatValue(v)])),
  };
}
