/**
 * A sweep with folds or repeats in the table: each trial's runs completed of all beside its
 * objective, and Enter on a trial lists its runs under it (one indented row each), Enter again
 * folds them away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../src/engine/events.js';
import type { TrialState } from '../../src/plugin-api/trial-state.js';
import { planColumns } from '../../src/ui/state/columns.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, row, type Rendered } from './render-app.js';

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

function run(index: number, state: TrialState, objective: number | null, runtimeMs = 0): RunSnapshot {
  return {
    index,
    key: `fold ${index}`,
    state,
    attempt: 0,
    objective,
    pid: state === 'running' ? 200 + index : null,
    exitCode: state === 'completed' ? 0 : null,
    reason: null,
    runtimeMs,
    dir: `/tmp/sweep/trials/1/runs/${index}`,
    command: `python train.py --fold ${index}`,
  };
}

function foldSweep(): FakeClient {
  const trials = [
    makeTrial(1, {
      state: 'running',
      startedAt: Date.now(),
      objective: 0.61,
      best: 0.61,
      spread: 0.005,
      contexts: 3,
      runs: [
        run(0, 'completed', 0.6, 61_000),
        run(1, 'completed', 0.61, 62_000),
        run(2, 'completed', 0.62, 63_000),
        run(3, 'running', 0.5, 4000),
        run(4, 'queued', null),
      ],
    }),
    makeTrial(2, {
      state: 'completed',
      objective: 0.7,
      best: 0.7,
      spread: 0.006,
      contexts: 5,
      runs: [0, 1, 2, 3, 4].map((i) => run(i, 'completed', 0.7, 60_000)),
    }),
  ];
  return new FakeClient(makeSnapshot({ trials, metric: { name: 'val_acc', goal: 'maximize', value: 'last', combine: 'mean' } }), {
    engine: true,
  });
}

describe('a trial with runs in the table', () => {
  it('shows its runs completed of all beside its objective: 3/5 in flight, 5/5 done', async () => {
    app = renderApp(foldSweep());
    const frame = await app.until((f) => row(f, 2) !== '', 'the table');
    expect(
      plain(frame)
        .split('\n')
        .find((l) => /\bstate\b/.test(l)),
    ).toMatch(/\bruns\b/);
    expect(row(frame, 1)).toMatch(/0\.61\s+3\/5\b/);
    expect(row(frame, 2)).toMatch(/0\.7\d*\s+5\/5\b/);
  });

  it('Enter lists its runs under it, one indented row each; Enter again folds them', async () => {
    app = renderApp(foldSweep());
    await app.until((f) => row(f, 2) !== '', 'the table');
    await app.type('\r');
    const open = plain(await app.until((f) => /fold 4/.test(plain(f).split('\n').slice(0, 9).join('\n')), 'the runs of trial 1'));
    const lines = open.split('\n');
    const first = lines.findIndex((l) => /^.{4}\s*1 /.test(l));
    expect(lines.slice(first + 1, first + 6).map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      '└ fold 0 completed 0.6 1m01s',
      '└ fold 1 completed 0.61 1m02s',
      '└ fold 2 completed 0.62 1m03s',
      '└ fold 3 running 0.5 4s',
      '└ fold 4 queued - -',
    ]);
    expect(lines[first + 6]).toMatch(/^.{4}\s*2 /);
    // the cursor stays on the trial: j moves to trial 2, not into the runs
    await app.type('j');
    await app.until((f) => row(f, 2).startsWith('›'), 'the cursor on trial 2');
    await app.type('k\r');
    await app.until((f) => !/fold 0/.test(plain(f).split('\n').slice(0, 9).join('\n')), 'the runs folded');
  });
});

describe('the runs column by width', () => {
  const kinds = (width: number) => planColumns(width, [], 2, true).map((c) => `${c.of.kind}:${c.width}`);
  it('is there at 120, 160 and 200 columns, wider from 160 (room for the spread)', () => {
    expect(kinds(120)).toContain('runs:5');
    expect(kinds(160)).toContain('runs:16');
    expect(kinds(200)).toContain('runs:16');
    expect(planColumns(120, [], 2).some((c) => c.of.kind === 'runs')).toBe(false);
  });
});
