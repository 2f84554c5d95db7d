import { describe, expect, it } from 'vitest';
import type { EngineCommand } from '../../../src/engine/commands.js';
import { applyCommand, type CommandTarget } from '../../../src/engine/sweep/command-handler.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import { momentumForSgd, OPTIMIZER } from '../../helpers/conditional-space.js';

const SPACE: SearchSpace = [OPTIMIZER, momentumForSgd(), { name: 'epochs', kind: 'const', value: 20 }];

/** A sweep that only records what addTrial was asked; trial 0 exists. */
function target(): CommandTarget & { added: Array<{ params: Params; after: number | null }> } {
  const added: Array<{ params: Params; after: number | null }> = [];
  return {
    added,
    phase: 'running',
    launching: true,
    space: SPACE,
    trialCount: 1,
    repeats: null,
    trial: (id) => (id === 0 ? { state: 'queued', promoted: false } : undefined),
    pauseTrial: async () => {},
    resumeTrial: async () => {},
    killTrial: async () => {},
    promoteTrial: async () => {},
    setParallel: () => {},
    setTrialsTarget: () => {},
    addTrial: (params, _repeats, after) => {
      added.push({ params, after });
      return added.length;
    },
    stopAll: () => {},
  } as CommandTarget & { added: Array<{ params: Params; after: number | null }> };
}

const add = (params: Params, after?: number): EngineCommand => ({ type: 'addTrial', params, ...(after !== undefined && { after }) });

describe('a trial added by hand', () => {
  it('is checked with its conditional parameters in declaration order; a constant left out takes its value', async () => {
    const sweep = target();
    expect(await applyCommand(sweep, add({ optimizer: 'adam' }), 't')).toEqual({ ok: true, trialId: 1 });
    expect(await applyCommand(sweep, add({ optimizer: 'sgd', momentum: 0.9 }, 0), 't')).toEqual({ ok: true, trialId: 2 });
    expect(sweep.added).toEqual([
      { params: { optimizer: 'adam', epochs: 20 }, after: null },
      { params: { optimizer: 'sgd', momentum: 0.9, epochs: 20 }, after: 0 },
    ]);
  });

  it.each([
    [add({ optimizer: 'adam', momentum: 0.5 }), "momentum: given, but absent for these values (it needs optimizer == 'sgd'); leave it out"],
    [add({ optimizer: 'sgd' }), "momentum: missing (present because optimizer == 'sgd'); expected a number from 0 to 0.99"],
    [add({ optimizer: 'sgd', momentum: 2 }), 'momentum: 2 is outside the search space; expected a number from 0 to 0.99'],
    [add({ optimizer: 'adam', optimiser: 'sgd' }), "optimiser: no such parameter; did you mean 'optimizer'?"],
    [add({ optimizer: 'adam' }, 7), 'after: no trial 7 in this sweep'],
  ])('refuses %j: %s', async (command, error) => {
    const sweep = target();
    expect(await applyCommand(sweep, command, 't')).toEqual({ ok: false, error });
    expect(sweep.added).toEqual([]);
  });
});
