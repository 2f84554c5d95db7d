/**
 * The compare view (`c`): the trials marked with `space` side by side — parameters (differences
 * bold, equal values dim), objective with its spread, every metric's last value and best or range,
 * runtime, state and reason — with their curves overlaid below; live values update; Esc closes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, type Rendered } from './render-app.js';

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';

function sweep() {
  const now = Date.now();
  const trials = [
    makeTrial(1, {
      state: 'completed',
      params: { lr: 0.01, batch: 32, optimizer: 'adam' },
      objective: 0.42,
      best: 0.4,
      step: 9,
      runtimeMs: 125_000,
      lastMetrics: { val_loss: 0.42, val_acc: 0.88 },
    }),
    makeTrial(2, {
      state: 'pruned',
      params: { lr: 0.05, batch: 32, optimizer: 'sgd' },
      objective: 0.81,
      best: 0.81,
      step: 5,
      runtimeMs: 61_000,
      reason: 'pruned at step 5: val_loss 0.81 > median 0.62 of 7 trials',
      lastMetrics: { val_loss: 0.81, val_acc: 0.55 },
    }),
    makeTrial(3, {
      state: 'running',
      params: { lr: 0.002, batch: 32, optimizer: 'adam' },
      startedAt: now,
      pid: 303,
      objective: 0.6,
      step: 2,
    }),
    makeTrial(4, { state: 'queued' }),
  ];
  return new FakeClient(makeSnapshot({ trials, bestTrialId: 1 }), { engine: true });
}

function curves(client: FakeClient, ids: number[]) {
  for (let step = 0; step < 10; step++) {
    for (const trialId of ids) {
      client.emit('trial:metric', { trialId, name: 'val_loss', step, value: trialId / (step + 1), time: 0, provisional: false });
      client.emit('trial:metric', { trialId, name: 'val_acc', step, value: 0.5 + step / (20 * trialId), time: 0, provisional: false });
    }
  }
}

describe('the compare view', () => {
  it('with fewer than two marked trials, says how to mark them', async () => {
    app = renderApp(sweep(), { rows: 35 });
    await app.until((f) => f.includes('sort id'));
    await app.type('c');
    await app.until((f) => plain(f).includes('mark two or more trials with space to compare'), 'the hint');
    await app.type(' c');
    await app.until(
      (f) => plain(f).includes('mark two or more trials with space to compare') && plain(f).includes('1 marked'),
      'the hint, one marked',
    );
  });

  it('shows the marked trials side by side, differences bold and equal values dim, with their curves; Esc closes', async () => {
    const client = sweep();
    app = renderApp(client, { rows: 35 });
    await app.until((f) => f.includes('sort id'));
    curves(client, [1, 2]);
    await app.type(' j c');
    const frame = await app.until((f) => plain(f).includes('compare 2 trials'), 'the compare view');
    const text = plain(frame);
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(line('trial')).toMatch(/#1 .*#2/);
    expect(line('state')).toMatch(/completed\s+pruned/);
    expect(line('runtime')).toMatch(/2m05s\s+1m01s/);
    expect(line('lr')).toMatch(/0\.01\s+0\.05/);
    expect(line('optimizer')).toMatch(/adam\s+sgd/);
    expect(line('val_loss')).toMatch(/0\.42\s+0\.81/);
    expect(line('  best')).toMatch(/0\.4\s+0\.81/);
    // the last values reported, which the curves above end at
    expect(line('val_acc')).toMatch(/0\.95\s+0\.725/);
    // a metric whose goal is unknown shows its range, not a guessed best
    expect(line('  range')).toMatch(/0\.5[–-]0\.95\s+0\.5[–-]0\.725/);
    // the reason, wrapped to its column, whole
    expect(text).toContain('pruned at step 5');
    expect(text).toContain('of 7 trials');
    // differing values bold, equal ones dim
    const raw = frame.split('\n');
    const rawLine = (label: string) => raw.find((l) => plain(l).startsWith(label)) ?? '';
    expect(rawLine('lr')).toContain(BOLD);
    expect(rawLine('batch')).toContain(DIM);
    expect(rawLine('batch')).not.toContain(BOLD);
    // the curves overlaid below, each in its mark's colour
    expect(text).toMatch(/val_loss ━ #1 ━ #2/);
    expect(text).toMatch(/┤/);
    expect(text).toContain('Esc');
    await app.type('\x1b');
    await app.until((f) => !plain(f).includes('compare 2 trials') && f.includes('sort id'), 'the table again');
  });

  it('updates live: a new objective and a state change show without reopening', async () => {
    const client = sweep();
    app = renderApp(client, { rows: 35 });
    await app.until((f) => f.includes('sort id'));
    await app.type('jj j c'); // marks #3 (running) and #4 (queued)
    await app.until((f) => plain(f).includes('compare 2 trials'), 'the compare view');
    const now = Date.now();
    client.update(3, { state: 'completed', startedAt: now, objective: 0.33, best: 0.3, step: 9, runtimeMs: 5000 });
    const text = plain(await app.until((f) => /state\s+completed/.test(plain(f)), 'the new state'));
    expect(text.split('\n').find((l) => l.startsWith('val_loss'))).toMatch(/0\.33/);
  });

  it('shows as many trials as fit and counts the others', async () => {
    const client = new FakeClient(
      makeSnapshot({
        trials: Array.from({ length: 8 }, (_, i) => makeTrial(i + 1, { state: 'completed', objective: i / 10, best: i / 10 })),
      }),
      { engine: true },
    );
    app = renderApp(client, { rows: 35 });
    await app.until((f) => f.includes('sort id'));
    await app.type(' j j j j j j j c');
    const text = plain(await app.until((f) => plain(f).includes('compare 8 trials'), 'the compare view'));
    const shown = (text.split('\n').find((l) => l.startsWith('trial')) ?? '').match(/#\d/g) ?? [];
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(8);
    expect(text).toContain(`+${8 - shown.length} more`);
  });
});
