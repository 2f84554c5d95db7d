/**
 * `sweeptop rescore DIR [--metric NAME] [--goal minimize|maximize] [--value last|best]
 * [--combine mean|median] [--json]`: a sweep run with the wrong objective scored again in place
 * (engine/rescore/), and what changed: each finished trial's objective before and after.
 */
import { resolve } from 'node:path';
import { UserError } from '../../engine/errors.js';
import type { ObjectiveSpec } from '../../engine/metrics/objective.js';
import { rescoreSweep, type SweepRescore, type TrialRescore } from '../../engine/rescore/rescore-sweep.js';
import { exportRow } from '../../engine/state/export-rows.js';
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import { parseCommandArgs } from '../args/parse.js';
import { RESCORE } from '../command-table.js';
import { formatMetric } from '../format.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { versioned } from '../output/json-output.js';
import { RESCORE_JSON } from '../output/shapes.js';
import { textTable } from '../text-table.js';

export async function runRescore(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(RESCORE, args);
  if (values.metric !== undefined && values.metric.trim() === '') throw new UserError('--metric: expected a metric name, got an empty one');
  const dir = resolve(DIR);
  const result = await rescoreSweep(dir, { metric: values.metric, goal: values.goal, value: values.value, combine: values.combine });
  printNotices(result.notices, io);
  if (values.json) {
    println(io.stdout, JSON.stringify(versioned(RESCORE_JSON, 'rescore', jsonRecord(dir, result)), null, 2));
    return 0;
  }
  if (result.trials.length > 0) {
    println(io.stdout, trialTable(result));
    println(io.stdout);
  }
  const { metric, unfinished } = result;
  if (unfinished > 0) {
    println(
      io.stdout,
      `${count(unfinished, 'trial')} left running by a controller that is gone: a resumed sweep scores ${unfinished === 1 ? 'it' : 'them'} by ${metric.name}`,
    );
  }
  const best = result.best
    ? `trial ${result.best.id}, ${metric.name} ${formatMetric(result.best.objective)}`
    : `none (no completed trial reported ${metric.name})`;
  println(io.stdout, `rescored ${count(result.trials.length, 'trial')} by ${describe(metric)}; best: ${best}`);
  return 0;
}

function trialTable({ trials, metric, previous }: SweepRescore): string {
  return textTable(
    [
      { header: 'trial', align: 'right' },
      { header: 'state' },
      { header: previous.name, align: 'right' },
      { header: '→' },
      { header: metric.name, align: 'right' },
      { header: 're-read' },
    ],
    trials.map((t) => [String(t.id), t.state, objectiveText(t.before), '→', objectiveText(t.after), t.reread ? 'yes' : 'no']),
  );
}

/** `0.8123`, or `0.97 (mean/accuracy)` when a summary stands in for the metric. */
function objectiveText({ objective, source }: TrialRescore['after']): string {
  return source === null ? formatMetric(objective) : `${formatMetric(objective)} (${source})`;
}

/** `val_accuracy (maximize, last, mean)`. */
function describe(spec: ObjectiveSpec): string {
  return `${spec.name} (${spec.goal}, ${spec.value}, ${spec.combine})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function jsonRecord(dir: string, { metric, previous, trials, unfinished, best }: SweepRescore) {
  const spec = ({ name, goal, value, combine }: ObjectiveSpec) => ({ name, goal, value, combine });
  return {
    dir,
    metric: spec(metric),
    previous: spec(previous),
    trials: trials.map((t) => ({
      id: t.id,
      state: t.state,
      before: encodeNullableNumber(t.before.objective),
      after: encodeNullableNumber(t.after.objective),
      source: t.after.source,
      reread: t.reread,
      reason: t.reason,
    })),
    unfinished,
    best: best ? exportRow(best) : null,
  };
}
