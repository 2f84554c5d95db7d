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
import type { CommandResult, EngineCommand } from '../../engine/commands.js';
import { sendCommand } from '../../engine/control/client.js';
import { UserError } from '../../engine/errors.js';
import { controllerState, ownedElsewhere } from '../../engine/state/controller-lock.js';
import { loadSweep, type StoredSweep, UNRECORDED_OBJECTIVE } from '../../engine/state/load-sweep.js';
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

  const status = await addTrials(dir, commands, io);
  if (status !== 0) return status;

  const after = await loadSweep(dir);
  const best = bestTrial(after.trials, metric.goal);
  const distinction = best && (await winnerDistinction(after, after.metric ?? metric, best));
  println(io.stdout, distinction?.statement ?? `best trial: ${best?.id ?? '-'} (its objective combines no runs: nothing to compare)`);
  // its other trials may still overtake the winner: the statement is of this moment
  if (stillRunsOthers(dir, after))
    println(io.stdout, `the sweep still runs other trials: this is its best so far; \`sweeptop best ${dir}\` tells again once it ends`);
  return 0;
}

/** A live sweep with trials to end or to start besides the ones rerun waited for. */
function stillRunsOthers(dir: string, stored: StoredSweep): boolean {
  if (controllerState(dir).kind !== 'here') return false;
  if (stored.trials.some((t) => !isFinished(t.state))) return true;
  const document = stored.document;
  return document?.phase === 'running' && document.trialsTarget > stored.trials.length;
}

/**
 * Through the controller when one runs here; otherwise headless. A controller that ended between
 * the look and the first command (its sweep finished just then) added nothing: headless then.
 */
async function addTrials(dir: string, commands: EngineCommand[], io: CommandIO): Promise<number> {
  const owner = controllerState(dir);
  if (owner.kind === 'elsewhere') throw ownedElsewhere(dir, owner, 'rerun')!;
  if (owner.kind !== 'here') return addAndRun(dir, commands, io);
  const [first, ...rest] = commands;
  let firstResult: CommandResult;
  try {
    firstResult = await sendCommand(dir, first, BY);
  } catch (error) {
    if (controllerState(dir).kind === 'here') throw error;
    return addAndRun(dir, commands, io);
  }
  return addLive(dir, firstResult, rest, io);
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
async function addLive(dir: string, firstResult: CommandResult, rest: EngineCommand[], io: CommandIO): Promise<number> {
  const added: number[] = [];
  for (const command of [null, ...rest]) {
    const result = command === null ? firstResult : await sendCommand(dir, command, BY);
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
