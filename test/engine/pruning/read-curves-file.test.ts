import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCurvesFile } from '../../../src/engine/pruning/read-curves-file.js';

const dir = mkdtempSync(join(tmpdir(), 'curves-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

async function read(content: unknown): Promise<unknown> {
  const file = join(dir, `${count++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  try {
    return await readCurvesFile(file);
  } catch (error) {
    return (error as Error).message.slice(file.length + 2);
  }
}

describe('readCurvesFile', () => {
  it('reads ids as strings, steps in ascending order, non-finite values, and a default end state', async () => {
    const source = await read({
      metric: 'acc',
      trials: [
        { id: 7, params: { lr: 1 }, values: { '2': 'nan', '-1': 0.5, '10': 'inf' } },
        { id: 'b', values: {}, state: 'failed' },
      ],
    });
    expect(source).toEqual({
      metric: 'acc',
      goal: undefined,
      skipped: [],
      curves: [
        {
          id: '7',
          endState: 'completed',
          points: [
            { step: -1, value: 0.5 },
            { step: 2, value: NaN },
            { step: 10, value: Infinity },
          ],
        },
        { id: 'b', endState: 'failed', points: [] },
      ],
    });
  });

  it.each([
    [[1], 'expected a JSON object with "trials"'],
    [{ goal: 'up', trials: [] }, 'goal: expected "minimize" or "maximize", got "up"'],
    [{ metric: '', trials: [] }, 'metric: expected a metric name, got ""'],
    [{}, 'trials: expected an array of trials'],
    [{ trials: [{ values: {} }] }, 'trials[0].id: expected a string, got undefined'],
    [{ trials: [{ id: '', values: {} }] }, 'trials[0].id: expected a string, got ""'],
    [{ trials: [{ id: 'a' }] }, 'trials[0].values: expected an object of step: value'],
    [{ trials: [{ id: 'a', values: {}, state: 'done' }] }, 'trials[0].state: expected a trial state, got "done"'],
    // a key valibot's record would skip without a word
    ['{"trials": [{"id": "a", "values": {"__proto__": 1}}]}', 'trials[0].values: expected integer steps as keys, got "__proto__"'],
    // the duplicate comes first in the file, so it is the one named
    [{ trials: [{ id: '0', values: {} }, { id: 0, values: {} }, 3] }, 'trials[1].id: duplicate id "0"'],
    [
      {
        trials: [
          { id: 'a', values: {}, state: 'done' },
          { id: 'b', values: { x: 1 } },
        ],
      },
      'trials[0].state: expected a trial state, got "done"',
    ],
  ])('refuses %j: %s', async (content, message) => {
    expect(await read(content)).toBe(message);
  });
});
