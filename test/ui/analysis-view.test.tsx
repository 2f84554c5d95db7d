/**
 * The analysis view (`a`): "needs 10 completed trials" until there are ten, then a bar per
 * parameter recomputed as trials complete (live), and the selected parameter against the
 * objective, → the next one in order of importance. The worker thread that computes them off the
 * render path (built: needs npm run build) answers as the engine's function does.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parameterImportances, parameterImportancesInTurns } from '../../src/engine/analysis/importance.js';
import { workerImportanceSource, type ImportanceSource } from '../../src/ui/analysis/importance-source.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, type Rendered } from './render-app.js';

let app: Rendered | undefined;
let worker: ImportanceSource | undefined;
afterEach(() => {
  app?.cleanup();
  worker?.dispose();
});

const inProcess: ImportanceSource = { compute: (trials, space) => parameterImportancesInTurns(trials, space, { seed: 0 }), dispose() {} };

/** The objective follows lr (log) closely; batch and optimizer barely matter. */
function trial(id: number) {
  const lr = 10 ** (-4 + (id % 7) / 2);
  return makeTrial(id, {
    state: id === 3 ? 'pruned' : 'completed',
    params: { lr, batch: [16, 32, 64][id % 3], optimizer: id % 2 ? 'adam' : 'sgd' },
    objective: Math.abs(Math.log10(lr) + 2.5) + (id % 2) * 0.01,
  });
}

describe('the analysis view', () => {
  it('says how many completed trials it needs, then shows the bars and the scatter as trials complete', async () => {
    const client = new FakeClient(makeSnapshot({ trials: [1, 2, 3, 4, 5, 6, 7].map(trial), bestTrialId: 5 }), { engine: true });
    app = renderApp(client, { rows: 35, importances: inProcess });
    await app.until((f) => f.includes('sort id'));
    await app.type('a');
    await app.until((f) => plain(f).includes('needs 10 completed trials, have 6'), 'the count of completed trials');
    // the scatter is there before the importances: parameters in the sweep's order
    const before = plain(app.frame());
    expect(before).toMatch(/^lr vs val_loss · 1\/3/m);
    expect(before).toContain('★');
    expect(before).toContain('·');
    for (let id = 8; id <= 14; id++) client.update(id, trial(id));
    const frame = plain(await app.until((f) => /^lr\s+█+/m.test(plain(f)), 'the importance bars', 10_000));
    const share = (name: string) => Number(new RegExp(`^${name}\\s+[█▏▎▍▌▋▊▉ ]*\\s(\\d\\.\\d{3})`, 'm').exec(frame)?.[1]);
    expect(share('lr')).toBeGreaterThan(share('batch'));
    expect(share('lr') + share('batch') + share('optimizer')).toBeCloseTo(1, 2);
    expect(frame).toMatch(/^lr vs val_loss · 1\/3/m);
    expect(frame).toContain('(log)');
    await app.type('l');
    await app.until((f) => /^(batch|optimizer) vs val_loss · 2\/3/m.test(plain(f)), 'the next parameter');
    await app.type('\x1b');
    await app.until((f) => !plain(f).includes('vs val_loss') && f.includes('sort id'), 'the table again');
  }, 20_000);

  it('Tab shows the selected parameter against the next one as a heat map, skipping a trial without one of them', async () => {
    // trial 8 has no batch (a conditional parameter left out): it must not land in any cell
    const lacking = makeTrial(8, { state: 'completed', params: { lr: 0.003, optimizer: 'adam' }, objective: 0.0123 });
    const trials = [1, 2, 3, 4, 5, 6, 7].map(trial);
    const client = new FakeClient(makeSnapshot({ trials: [...trials, lacking], bestTrialId: 2 }), { engine: true });
    app = renderApp(client, { rows: 35, importances: inProcess });
    await app.until((f) => f.includes('sort id'));
    await app.type('a');
    await app.until((f) => /^lr vs val_loss/m.test(plain(f)), 'the scatter');
    expect(plain(app.frame())).toMatch(/Tab scatter\/heat map/);
    await app.type('\t');
    // fewer than 10 completed trials: no importances, so the other parameter is the next declared one
    const frame = plain(await app.until((f) => /^lr × batch · best val_loss per cell/m.test(plain(f)), 'the heat map'));
    const lines = frame.split('\n');
    // trial 2 is the best (lr 1e-3, batch 64, 0.5); trial 4 the other 0.5 (batch 32)
    expect(lines.find((l) => /^\s*64 ┤/.test(l))).toContain('★0.5');
    expect(lines.find((l) => /^\s*32 ┤/.test(l))).toMatch(/\s0\.5(\s|$)/);
    expect(frame).not.toContain('0.0123');
    expect(lines.find((l) => /^█ /.test(l))).toMatch(/^█ 0\.5 /);
    await app.type('\t');
    await app.until((f) => /^lr vs val_loss/m.test(plain(f)), 'the scatter again');
  }, 20_000);

  it('redraws the scatter when a finished trial changes without changing state (the plot is memoised on the finished trials)', async () => {
    const client = new FakeClient(makeSnapshot({ trials: [1, 2, 3, 4, 5, 6, 7].map(trial), bestTrialId: 5 }), { engine: true });
    app = renderApp(client, { rows: 35, importances: inProcess });
    await app.until((f) => f.includes('sort id'));
    await app.type('a');
    await app.until((f) => plain(f).includes('lr vs val_loss'), 'the scatter');
    // a running trial's metrics redraw the frame and leave the plot as it was
    client.update(20, { state: 'running', params: trial(20).params });
    client.emit('trial:metric', { trialId: 20, name: 'val_loss', step: 0, value: 0.5, time: 0, provisional: false });
    // a late objective of a completed trial: the top of the y axis must follow it
    client.update(6, { objective: 42 });
    await app.until((f) => /^\s+42 ┤/m.test(plain(f)), 'the y axis stretched to the late objective');
  }, 20_000);

  it('computes in a worker thread the same importances as the engine function', async () => {
    const trials = Array.from({ length: 14 }, (_, i) => trial(i + 1).params).map((params, i) => ({
      params,
      objective: trial(i + 1).objective,
      completed: true,
    }));
    const space = makeSnapshot().parameters;
    // the built worker (npm run build), as the TUI starts it
    worker = workerImportanceSource(resolve('dist/src/ui/analysis/importance-worker.js'));
    expect(await worker.compute(trials, space)).toEqual(parameterImportances(trials, space, { seed: 0 }));
  }, 30_000);
});
