import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { plainTheme } from '../../src/ui/theme/theme.js';
import { initialUiState } from '../../src/ui/state/ui-state.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, row, type Rendered } from './render-app.js';

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

function liveSweep(extra: Parameters<typeof makeSnapshot>[0] = {}) {
  const trials = [
    makeTrial(1, { state: 'running', pid: 101, startedAt: Date.now(), command: 'python train.py --lr 0.002', reason: null }),
    makeTrial(2, { state: 'running', pid: 102, startedAt: Date.now() }),
    makeTrial(3, { state: 'queued' }),
    makeTrial(4, {
      state: 'pruned',
      reason: 'pruned at step 5: val_loss 0.81 > median 0.62 of 7 trials',
      best: 0.81,
      objective: 0.81,
      step: 5,
    }),
    makeTrial(5, { state: 'completed', best: 0.4, objective: 0.42, step: 9 }),
  ];
  return new FakeClient(makeSnapshot({ trials, bestTrialId: 5, ...extra }), { engine: true });
}

describe("App: the supervisor's questions", () => {
  it('flags a silent running trial in its row and counts it in the header; shows the time to go', async () => {
    const now = Date.now();
    const trials = [
      makeTrial(1, { state: 'completed', best: 0.5, objective: 0.5, runtimeMs: 600_000, startedAt: now - 900_000 }),
      makeTrial(2, { state: 'running', startedAt: now - 300_000, runtimeMs: 300_000, silentSince: now - 4.5 * 60_000 }),
      makeTrial(3, {
        state: 'running',
        startedAt: now - 120_000,
        runtimeMs: 120_000,
        etaMs: 12 * 60_000,
        progress: { done: 2, total: 12 },
      }),
      makeTrial(4, { state: 'paused', startedAt: now - 60_000, runtimeMs: 60_000, silentSince: now - 600_000 }),
    ];
    app = renderApp(new FakeClient(makeSnapshot({ trials, parallel: 2, trialsTarget: 4 }), { engine: true }), {
      rows: 35,
      ui: { sort: initialUiState.sort },
    });
    const frame = plain(await app.until((f) => f.includes('sort active')));
    expect(frame.split('\n')[0]).toMatch(/running 2 paused 1 completed 1 silent 1 ends in ~13m/);
    // 12 min left for trial 3, 10 − 5 for trial 2 and 10 − 1 for trial 4 (the median completed trial), on 2 slots
    expect(row(frame, 2)).toMatch(/^.{4}\s*2 silent 4m /);
    expect(row(frame, 3)).toMatch(/ 12m /);
    // paused trials are never flagged, whatever the engine last said
    expect(row(frame, 4)).toMatch(/^.{4}\s*4 paused /);
    // running trials first, the cursor on the first of them
    expect(row(frame, 2)).toMatch(/^›/);
  });
});

describe('App: a full disk', () => {
  it('says in the header that launching is paused while the disk is full, and stops saying so once it has room', async () => {
    const client = liveSweep();
    app = renderApp(client, { rows: 30 });
    await app.until((f) => f.includes('sort id'));
    client.emit('sweep:disk', { diskFull: { since: Date.now(), dir: '/tmp/sweep', heldWrites: 3, droppedPoints: 0 } });
    const full = plain(await app.until((f) => f.includes('DISK FULL'), 'the disk-full header'));
    expect(full.split('\n')[0]).toMatch(/^demo-sweep \d+s DISK FULL: launching paused 5\/20 /);
    client.emit('sweep:disk', { diskFull: null });
    const clear = plain(await app.until((f) => !f.includes('DISK FULL'), 'the header without it'));
    expect(clear.split('\n')[0]).toMatch(/^demo-sweep \d+s 5\/20 /);
  });
});

describe('App: hooks', () => {
  const failure = {
    event: 'on_new_best',
    time: Date.now(),
    command: 'notify-send best',
    exitCode: 1,
    signal: null,
    timedOut: false,
    error: null,
    stderrTail: ['cannot open display'],
  };

  it('shows the last hook failure on the status line of a view that just attached', async () => {
    app = renderApp(liveSweep({ hookFailure: failure }), { rows: 30 });
    const frame = plain(await app.until((f) => f.includes('sort id')));
    expect(frame).toContain('last hook on_new_best failed: exit code 1; stderr: cannot open display');
  });

  it('keeps a hook failure that arrives live for when no newer message is shown', async () => {
    const client = liveSweep();
    app = renderApp(client, { rows: 30 });
    await app.until((f) => f.includes('sort id'));
    client.emit('sweep:hook', { failure: { ...failure, event: 'on_sweep_end', timedOut: true, exitCode: null } });
    const frame = plain(await app.until((f) => f.includes('hook on_sweep_end'), 'the hook failure'));
    expect(frame).toContain('last hook on_sweep_end failed: timed out; its process group was killed');
  });
});

describe('App', () => {
  it('draws header, table, detail pane and footer within rows - 1 lines, cursor on the first row', async () => {
    app = renderApp(liveSweep(), { rows: 30 });
    const frame = plain(await app.until((f) => f.includes('sort id')));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(lines[0]).toMatch(/^demo-sweep \d+s 5\/20 queued 1 running 2 completed 1 pruned 1 ends in ~<1m │ ★ 0\.42 #5 │ par 4$/);
    expect(row(frame, 1)).toMatch(/^›\s+1 running/);
    expect(row(frame, 5)).toMatch(/^ ★\s+5 completed/);
    expect(frame).toContain('$ python train.py --lr 0.002');
    expect(lines[lines.length - 1]).toMatch(/^p pause {2}x kill {2}P promote/);
  });

  it('moves the cursor, pauses and resumes the selected trial, recording who asked', async () => {
    app = renderApp(liveSweep());
    await app.until((f) => f.includes('sort id'));
    await app.type('jp');
    await app.until((f) => row(f, 2).includes('paused'), 'trial 2 paused');
    expect(row(app.frame(), 2)).toMatch(/^›/);
    expect(app.client.commands).toEqual([{ command: { type: 'pause', trialId: 2 }, by: 'tui' }]);
    expect(plain(app.frame())).toContain('paused #2 (its GPU memory stays held)');
    expect(plain(app.frame())).toContain('p resume');
    await app.type('p');
    await app.until((f) => row(f, 2).includes('running'), 'trial 2 running again');
  });

  it('asks before killing, then kills; promotes; changes parallelism', async () => {
    app = renderApp(liveSweep());
    await app.until((f) => f.includes('sort id'));
    await app.type('x');
    await app.until((f) => f.includes('Kill trial #1 (running) and its processes? (y/n)'));
    await app.type('y');
    await app.until((f) => row(f, 1).includes('killed'), 'trial 1 killed');
    await app.type('jjjP');
    await app.until((f) => /^› ▲\s+4 queued/.test(row(f, 4)), 'trial 4 re-queued and promoted');
    await app.type('+');
    await app.until((f) => / par(allel)? 5\b/.test(f));
    expect(app.client.commands.map((c) => c.command)).toEqual([
      { type: 'kill', trialId: 1 },
      { type: 'promote', trialId: 4 },
      { type: 'setParallel', value: 5 },
    ]);
  });

  it('shows why a trial ended and its curve, with marked trials overlaid', async () => {
    const client = liveSweep();
    app = renderApp(client);
    await app.until((f) => f.includes('sort id'));
    for (let step = 0; step < 10; step++) {
      for (const trialId of [1, 2])
        client.emit('trial:metric', { trialId, name: 'val_loss', step, value: trialId / (step + 1), time: 0, provisional: false });
    }
    await app.type(' j');
    // #1 marked, #2 selected; the best (#5) has no curve in memory, so it is not drawn.
    await app.until((f) => plain(f).includes('val_loss ━ #1 ━ #2'), 'legend with the marked trial');
    expect(plain(app.frame())).toMatch(/┤/);
    expect(app.frame()).toContain('\x1b[35m'); // the marked curve in its colour
    await app.type('jj');
    const detail = plain(await app.until((f) => plain(f).includes('ended: pruned at step 5')));
    // Two lines in the right-hand column: the reason is wrapped, not cut.
    expect(detail).toContain('ended: pruned at step 5: val_loss 0.81 >');
    expect(detail).toContain('median 0.62 of 7 trials');
  });

  it("shows how a trial's objective was made: folds with their spread, a stand-in, echoed configuration apart", async () => {
    const trials = [
      makeTrial(1, {
        state: 'completed',
        objective: 0.963,
        best: 0.963,
        step: 4,
        steps: 5,
        spread: 0.012339,
        contexts: 5,
        echoed: { 'Loading digits': 1797 },
      }),
      makeTrial(2, { state: 'completed', objective: 0.41, best: 0.41, step: 0, steps: 1, objectiveSource: 'final/val_loss' }),
    ];
    app = renderApp(new FakeClient(makeSnapshot({ trials, bestTrialId: 1 }), { engine: true }));
    const first = plain(await app.until((f) => plain(f).includes('(5 folds'), 'the fold count'));
    expect(first).toContain('0.963 ± 0.0123 (5 folds'); // the spread to fewer digits than its mean (the pane cuts the rest)
    expect(first).toContain('echoed: Loading digits=1797');
    await app.type('j');
    expect(plain(await app.until((f) => plain(f).includes('0.41 from final/val_lo'), 'the stand-in'))).not.toContain('(5 folds');
  });

  it('opens the log view with the file history and live lines, redraws collapsed', async () => {
    const client = liveSweep();
    app = renderApp(client, { readLog: async (id, stream) => `${stream} of #${id}\nepoch 1\r\nprogress 10%\rprogress 100%\n` });
    await app.until((f) => f.includes('sort id'));
    await app.type('l');
    await app.until((f) => plain(f).includes('progress 100%'));
    expect(plain(app.frame())).toContain('stdout of #1');
    expect(plain(app.frame())).not.toContain('progress 10%');
    client.emit('trial:output', { trialId: 1, stream: 'stdout', line: 'epoch 2 live' });
    await app.until((f) => plain(f).includes('epoch 2 live'));
    await app.type('q');
    await app.until((f) => f.includes('sort id'));
  });

  it('wraps long log lines so nothing is cut (w cuts them at the edge instead)', async () => {
    const long = `Epoch 3/10 - 12s - loss: 0.4102 - accuracy: 0.9311 - ${'x'.repeat(40)} - val_loss: 0.5234 - val_accuracy: 0.9013`;
    app = renderApp(liveSweep(), { readLog: async () => `${long}\n` });
    await app.until((f) => f.includes('sort id'));
    await app.type('l');
    const wrapped = plain(await app.until((f) => plain(f).includes('val_accuracy: 0.9013'), 'the end of the long line'));
    expect(wrapped.replace(/\n/g, '')).toContain(long);
    await app.type('w');
    const cut = plain(await app.until((f) => !plain(f).includes('val_accuracy'), 'the line cut at the edge'));
    expect(cut).toContain('Epoch 3/10 - 12s - loss: 0.4102');
  });

  it('reads the last lines from the file when output is not streamed (attached without it)', async () => {
    let reads = 0;
    app = renderApp(liveSweep(), { readLog: async (id) => (reads++, `trial ${id} line 1\ntrial ${id} line ${reads + 1}\n`) });
    await app.until((f) => plain(f).includes('trial 1 line 2'), 'the file tail in the detail pane');
    await app.until((f) => plain(f).includes('trial 1 line 3'), 'a re-read of a live trial', 5000);
  });

  it('adds a trial from the form, and shows the engine refusing one', async () => {
    const client = liveSweep();
    app = renderApp(client);
    await app.until((f) => f.includes('sort id'));
    client.answer = { ok: false, error: 'parameter lr: 0.005 was already tried as trial 9' };
    await app.type('n');
    await app.until((f) => f.includes('New trial'));
    await app.type('\x7f5\r');
    await app.until((f) => plain(f).includes('parameter lr: 0.005 was already tried as trial 9'));
    client.answer = { ok: true };
    await app.type('\x7f7\r');
    await app.until((f) => plain(f).includes('added trial #6'));
    expect(app.client.commands.at(-1)?.command).toEqual({ type: 'addTrial', params: { lr: 0.007, batch: 32, optimizer: 'adam' } });
  });

  it('lists the keys in the help overlay, and Esc closes it', async () => {
    app = renderApp(liveSweep());
    await app.until((f) => f.includes('sort id'));
    await app.type('?');
    const help = plain(await app.until((f) => f.includes('Keys')));
    expect(help).toContain('P       promote (run next, no pruning)');
    expect(help).toContain('q/Esc/l back to the table');
    await app.type('\x1b');
    await app.until((f) => f.includes('sort id'));
  });

  it('quits after q, y once the sweep has stopped', async () => {
    app = renderApp(liveSweep());
    await app.until((f) => f.includes('sort id'));
    await app.type('q');
    await app.until((f) => f.includes('Stop the sweep and quit? (y/n)'));
    await app.type('y');
    await app.until(() => app!.exits.length > 0, 'exit');
    expect(app.exits).toEqual(['stopped']);
    expect(app.client.commands.at(-1)).toEqual({ command: { type: 'stop', force: false }, by: 'tui' });
  });

  it('draws without colour under NO_COLOR, every state still spelled out', async () => {
    const client = liveSweep();
    app = renderApp(client, { theme: plainTheme });
    await app.until((f) => f.includes('sort id'));
    for (let step = 0; step < 5; step++)
      client.emit('trial:metric', { trialId: 1, name: 'val_loss', step, value: 1 / (step + 1), time: 0, provisional: false });
    const frame = await app.until((f) => f.includes('┤'), 'a plot');
    // (Ink's own colours are off in tests anyway: chalk sees no TTY. The plot's are ours.)
    expect(frame).not.toMatch(/\x1b\[(3[0-7]|9[0-7])m/);
    expect(frame).toContain('pruned');
    expect(frame).toContain('› ');
  });

  it('renders only the visible rows of a 10,000-trial sweep and scrolls to the end', async () => {
    const trials = Array.from({ length: 10_000 }, (_, i) => makeTrial(i + 1, { state: 'completed', best: i / 10_000 }));
    app = renderApp(new FakeClient(makeSnapshot({ trials, trialsTarget: 10_000 })), { rows: 30 });
    const frame = await app.until((f) => f.includes('sort id'));
    expect(
      plain(frame)
        .split('\n')
        .filter((l) => / completed /.test(l)).length,
    ).toBeLessThan(30);
    await app.type('G');
    await app.until((f) => /^›\s+10000 completed/m.test(plain(f)), 'last trial selected');
    expect(plain(app.frame())).toContain('10000/10000');
  });

  it('keeps the detail pane to its lines with a long command and much output', async () => {
    const client = liveSweep();
    client.update(1, {
      command: `python train.py ${'--flag value '.repeat(30)}`,
      reason: 'a note that is long enough to take two lines of the narrow right column',
    });
    app = renderApp(client, { rows: 24 });
    await app.until((f) => f.includes('sort id'));
    for (let i = 0; i < 40; i++) client.emit('trial:output', { trialId: 1, stream: 'stdout', line: `line ${i}` });
    const lines = plain(await app.until((f) => plain(f).includes('line 39'))).split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.at(-2)).toMatch(/1\/5 · sort id$/);
    expect(lines.at(-1)).toMatch(/^p pause/);
    expect(lines.join('\n')).toContain('$ python train.py --flag value');
    expect(lines.join('\n')).toContain('note: a note that is long');
  });

  it('drops the detail pane and columns when the terminal is small, and re-lays out on resize', async () => {
    app = renderApp(liveSweep(), { rows: 30 });
    await app.until((f) => f.includes('$ python'));
    app.size.rows = 20;
    app.size.emit('resize');
    const frame = plain(await app.until((f) => !f.includes('$ python'), 'no detail pane'));
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    expect(row(frame, 1)).toContain('running');
  });

  it('draws the curves of rows on screen that reported before it attached, not only the selected one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweeptop-curves-'));
    try {
      const trials = [1, 2, 3].map((id) => {
        const trialDir = join(dir, String(id));
        mkdirSync(trialDir);
        const lines = [0, 1, 2, 3, 4, 5].map((step) =>
          JSON.stringify({ name: 'val_loss', step, value: (6 - step) * id, time: 0, offset: 0 }),
        );
        writeFileSync(join(trialDir, 'metrics.jsonl'), lines.join('\n') + '\n');
        return makeTrial(id, { state: 'completed', dir: trialDir, steps: 6, step: 5, objective: id, best: id });
      });
      app = renderApp(new FakeClient(makeSnapshot({ trials }), { engine: true }));
      await app.until((f) => f.includes('sort id'));
      // the cursor is on trial 1: trials 2 and 3 are only rows, and still get their sparklines
      // each row's points are read on their own: wait for both rows, not the first to arrive
      const frame = await app.until(
        (f) => /[▁▂▃▄▅▆▇█]{4}/.test(row(f, 3)) && /█[▇▆▅▄▃▂▁ ]*▁/.test(row(f, 2)),
        'the sparklines of trials 2 and 3',
      );
      expect(row(frame, 3)).toMatch(/[▁▂▃▄▅▆▇█]{4}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the points a running trial reported before it attached in front of the live ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweeptop-curves-'));
    try {
      const lines = [0, 1, 2, 3, 4, 5].map((step) => JSON.stringify({ name: 'val_loss', step, value: 10 - step, time: 0, offset: 0 }));
      writeFileSync(join(dir, 'metrics.jsonl'), lines.join('\n') + '\n');
      const client = new FakeClient(
        makeSnapshot({ trials: [makeTrial(1, { state: 'running', dir, steps: 6, step: 5, objective: 5, best: 5 })] }),
        { engine: true },
      );
      app = renderApp(client);
      await app.until((f) => f.includes('sort id'));
      // a live report arrives before the history is read: it must not hide the history
      client.emit('trial:metric', { trialId: 1, name: 'val_loss', step: 6, value: 4, time: 0, provisional: false });
      const frame = await app.until((f) => (row(f, 1).match(/[▁▂▃▄▅▆▇█]/g) ?? []).length >= 7, 'seven points in the sparkline');
      expect(row(frame, 1)).toMatch(/█[▇▆▅▄▃▂▁]+▁/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a long message the whole status line: a crash loop names the stderr to read', async () => {
    const client = liveSweep();
    app = renderApp(client);
    await app.until((f) => f.includes('sort id'));
    const text = 'crash loop: the first 3 trials failed within 60 s; see /home/me/sweeps/x/trials/0/stderr.log';
    client.emit('sweep:message', { level: 'warn', text });
    const frame = plain(await app.until((f) => plain(f).includes('stderr.log'), 'the whole message'));
    expect(frame).toContain(text);
    expect(frame).not.toContain('sort id');
  });
});
