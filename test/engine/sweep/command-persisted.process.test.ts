/**
 * `status` reads sweep.json, whose writes are coalesced (and spaced further apart when writing is
 * slow). A command a person gave must not leave it behind: once the command is answered, sweep.json
 * says what the command did — four trials resumed are not shown paused seconds later.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSweep, tempDirPerTest, TRAINER, waitFor } from '../../helpers/sweep.js';

const temp = tempDirPerTest();

const SWEEP = `command: node ${TRAINER} --lr {lr} --epochs 300 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
trials: 4
parallel: 4
metric: {name: val_loss, goal: minimize}
`;

describe('a command and sweep.json', () => {
  it('once pause or resume is answered, sweep.json records the trials so', async () => {
    const sweep = await makeSweep(temp, SWEEP);
    sweep.start();
    const recorded = () =>
      (JSON.parse(readFileSync(join(sweep.dir, 'sweep.json'), 'utf8')).trials as Array<{ state: string }>).map((t) => t.state);
    await waitFor(
      () => sweep.snapshot().trials.filter((t) => t.state === 'running' && t.pid !== null).length === 4,
      20_000,
      'four running',
    );
    for (const trialId of [0, 1, 2, 3]) expect(await sweep.execute({ type: 'pause', trialId }, 'test')).toEqual({ ok: true });
    expect(recorded()).toEqual(['paused', 'paused', 'paused', 'paused']);
    for (const trialId of [0, 1, 2, 3]) expect(await sweep.execute({ type: 'resume', trialId }, 'test')).toEqual({ ok: true });
    expect(recorded()).toEqual(['running', 'running', 'running', 'running']);
  });
});
