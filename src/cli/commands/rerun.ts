/**
 * `sweeptop rerun DIR --top N --repeats R`: the N best completed configurations run again, same
 * values, as new trials of the same sweep with R repeats each (their runs: folds × R), then the
 * winner statement over the runs the trials share. The trials are added as `ctl add` adds one (the
 * addTrial command): through the live controller, or, when none runs, to the sweep opened again
 * and run headless until they end, as `resume --headless` does.
 */
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { leadingTrials } from '../../engine/analysis/stored-run-values.js';
import type { EngineCommand } from '../../engine/commands.js';
import { sendCommand } from '../../engine/control/client.js';
import { UserError } from '../../engine/errors.js';
import { controllerState, ownedElsewhere } from '../../engine/state/controller-lock.js';
import { loadSweep, UNRECORDED_OBJECTIVE } from '../../engine/state/load-sweep.js';
import { bestTrial } from '../../engine/state/export-rows.js';
import { openStoredSweep } from '../../engine/sweep/open-stored.js';
import { isFinished } from '../../plugin-api/trial-state.js';
import { parseCommandArgs } from '../args/parse.js';
import { RERUN } from '../command-table.js';
import { runSweepInForeground } from '../foreground.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { winnerDistinction } from '../output/distinction-json.js';

const DEFAULT_TOP = 3;
const BY = 'rerun';

export async function runRerun(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(RERUN, args);
  const dir = resolve(DIR);
  if (values.repeats === undefined) throw new UserError('rerun: --repeats R is needed (each new trial runs its folds over R seeds)');
  const stored = await loadSweep(dir);
  printNotices(stored.notices, io);
  const metric = stored.metric ?? UNRECORDED_OBJECTIVE;
  const leading = leadingTrials(stored.trials, metric.goal, values.top ?? DEFAULT_TOP);
  if (leading.length === 0) throw new UserError(`${dir}: no completed trial with a ${metric.name} to run again`);
  const commands: EngineCommand[] = leading.map((trial) => ({ type: 'addTrial', params: trial.params, repeats: values.repeats }));

  const owner = controllerState(dir);
  const refusal = ownedElsewhere(dir, owner);
  if (refusal) throw refusal;
  const status = owner.kind === 'here' ? await addLive(dir, commands, io) : await addAndRun(dir, commands, io);
  if (status !== 0) return status;

  const after = await loadSweep(dir);
  const best = bestTrial(after.trials, metric.goal);
  const distinction = best && (await winnerDistinction(after, after.metric ?? metric, best));
  println(io.stdout, distinction?.statement ?? `best trial: ${best?.id ?? '-'} (its objective combines no runs: nothing to compare)`);
  return 0;
}

/** No controller runs the sweep: it is opened again with the trials added, and runs until it ends. */
async function addAndRun(dir: string, commands: EngineCommand[], io: CommandIO): Promise<number> {
  const sweep = await openStoredSweep(dir, { onNotice: (notice) => printNotices([notice], io) });
  for (const command of commands) {
    const result = await sweep.execute(command, BY);
    if (!result.ok) {
      io.stderr.write(`sweeptop: ${result.error}\n`);
      return 1;
    }
    println(io.stdout, `added trial ${result.trialId}`);
  }
  return runSweepInForeground(sweep, io);
}

/** A controller runs the sweep: it adds the trials; rerun waits until they end. */
async function addLive(dir: string, commands: EngineCommand[], io: CommandIO): Promise<number> {
  const added: number[] = [];
  for (const command of commands) {
    const result = await sendCommand(dir, command, BY);
    if (!result.ok) {
      io.stderr.write(`sweeptop: ${result.error}\n`);
      return 1;
    }
    println(io.stdout, `added trial ${result.trialId}`);
    if (result.trialId !== undefined) added.push(result.trialId);
  }
  for (;;) {
    const { trials } = await loadSweep(dir);
    if (added.every((id) => trials.some((t) => t.id === id && isFinished(t.state)))) return 0;
    if (controllerState(dir).kind !== 'here') {
      io.stderr.write(
        `sweeptop: the controller of ${dir} stopped before trials ${added.join(', ')} ended; \`sweeptop resume ${dir}\` runs them\n`,
      );
      return 1;
    }
    await sleep(1000);
  }
}
