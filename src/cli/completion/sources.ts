/**
 * Where completion finds sweeps and trials: the per-user registry (as `sweeptop ls`, without
 * reading each sweep's state, which a Tab must not wait for), and for `ctl` the trials of a live
 * sweep as its sweep.json records them — a trial's state there may lag the controller's by a
 * moment, which a completion can afford: the controller still checks the command. Each reader is
 * loaded when first asked, so completing a command's name or options loads what `--help` does.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TrialAction } from '../../engine/trial/actions.js';
import type { CompletionSources } from './candidates.js';

export function completionSources(cwd = process.cwd()): CompletionSources {
  const existing = async () => {
    const { registeredSweeps } = await import('../../engine/control/registry.js');
    return (await registeredSweeps()).filter((sweep) => existsSync(sweep.dir));
  };
  return {
    cwd,
    sweepDirs: async () => (await existing()).map((sweep) => sweep.dir),
    sweepHere: async () => {
      const { startedFrom } = await import('../default-sweep.js');
      return (await existing()).find((sweep) => startedFrom(sweep, cwd))?.dir;
    },
    trialIds: async (dir, action) => {
      const path = resolve(cwd, dir);
      const { controllerState } = await import('../../engine/state/controller-lock.js');
      // only a live controller takes `ctl` commands: a finished sweep's trials would all be refused
      if (!existsSync(path) || controllerState(path).kind !== 'here') return [];
      const { readSweepDocument } = await import('../../engine/state/sweep-document.js');
      const { allowedAction } = await import('../../engine/trial/actions.js');
      const { document } = await readSweepDocument(path);
      if (!document) return [];
      return document.trials
        .filter((trial) => allowedAction(action as TrialAction, trial, document.phase)?.allowed)
        .map((trial) => trial.id);
    },
  };
}
