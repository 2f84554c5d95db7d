/**
 * Nothing a person needs whole is cut: a prune reason wraps in the detail pane and on the status
 * line, and the command wraps between its arguments, each line but the last ending in ` \`, so
 * that the lines pasted into a shell are the command. And a sweep nothing runs answers the keys
 * that would act on it with how to run it again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { shellWords, wrapCommand, wrapWords } from '../../src/ui/format/wrap.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, type Rendered } from './render-app.js';

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

const REASON =
  'pruned at step 12: best val_loss 0.7317 > median 0.5336 of 9 completed trials at step 12 (percentile 50, warm-up 3 steps, 4 startup trials); its curve stayed above the median for 5 reports in a row';
const COMMAND =
  "python train.py --run-name 'my run #1' --data /datasets/imagenet/train-shards-0001-of-1024 --lr 0.002 --note 'a b c d e f' --epochs 90";

/** The detail pane's right-hand column (from `#id`), its lines trimmed. */
function infoLines(frame: string): string[] {
  const lines = plain(frame).split('\n');
  const title = lines.findIndex((line) => /^val_loss /.test(line));
  const start = lines[title].search(/#\d+ (pruned|completed|running)/);
  return lines.slice(title, -2).map((line) => line.slice(start).trimEnd());
}

describe('wrapping helpers', () => {
  it('wraps words into lines of the width without losing a character', () => {
    const lines = wrapWords(REASON, 30);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(REASON);
    expect(wrapWords('a-word-wider-than-the-line ok', 10)).toEqual(['a-word-wid', 'er-than-th', 'e-line ok']);
  });

  it('splits a quoted command into its arguments, quotes kept', () => {
    expect(shellWords(COMMAND)).toEqual([
      'python',
      'train.py',
      '--run-name',
      "'my run #1'",
      '--data',
      '/datasets/imagenet/train-shards-0001-of-1024',
      '--lr',
      '0.002',
      '--note',
      "'a b c d e f'",
      '--epochs',
      '90',
    ]);
    expect(shellWords(`echo 'it'"'"'s' a\\ b "x y"`)).toEqual(['echo', `'it'"'"'s'`, 'a\\ b', '"x y"']);
  });

  it('breaks a command between arguments, each line continued with a backslash, so that the shell reads it back whole', () => {
    const lines = wrapCommand(shellWords(COMMAND), 50);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
    expect(lines.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    expect(asShellReadsIt(lines)).toBe(`$ ${COMMAND}`);
    expect(lines.some((line) => line.includes("'my run #1'"))).toBe(true);
    // an argument wider than a line is broken inside it, the pieces joined by a bare backslash
    const narrow = wrapCommand(shellWords(COMMAND), 30);
    expect(narrow.some((line) => /[^ ]\\$/.test(line))).toBe(true);
    expect(asShellReadsIt(narrow)).toBe(`$ ${COMMAND}`);
  });
});

/** Lines pasted into a shell: a backslash before a newline removes both. */
function asShellReadsIt(lines: readonly string[]): string {
  return lines.join('\n').replace(/\\\n/g, '');
}

describe('the detail pane and the status line', () => {
  it('shows a long prune reason whole in the detail pane, and the command broken at arguments', async () => {
    const trials = [
      makeTrial(1, { state: 'completed', objective: 0.4, best: 0.4, step: 9 }),
      makeTrial(2, { state: 'pruned', objective: 0.73, best: 0.73, step: 12, reason: REASON }),
      makeTrial(3, { state: 'completed', objective: 0.5, best: 0.5, step: 12, command: COMMAND }),
    ];
    app = renderApp(new FakeClient(makeSnapshot({ trials, bestTrialId: 1 })), { rows: 34 });
    await app.until((f) => f.includes('sort id'));
    await app.type('j');
    const pruned = infoLines(await app.until((f) => plain(f).includes('ended: pruned'), 'the pruned trial selected'));
    expect(pruned.join(' ').replace(/\s+/g, ' ')).toContain(`ended: ${REASON}`);
    await app.type('j');
    const info = infoLines(await app.until((f) => plain(f).includes('#3 completed'), 'the third trial selected'));
    const command = info.slice(info.findIndex((line) => line.startsWith('$ ')));
    const commandLines = command.slice(0, command.findIndex((line) => !line.endsWith('\\')) + 1);
    expect(commandLines.length).toBeGreaterThan(1);
    expect(asShellReadsIt(commandLines)).toBe(`$ ${COMMAND}`);
  });

  it("shows a trial's note (a cut line) whole in the detail pane", async () => {
    const note =
      'stdout: a line of 10.0 MB was cut: metrics are read from its first 1 MiB and last 64 KiB only (said once, for every such line)';
    const trials = [makeTrial(1, { state: 'completed', objective: 0.4, best: 0.4, step: 9, notes: [note] })];
    app = renderApp(new FakeClient(makeSnapshot({ trials, bestTrialId: 1 })), { rows: 34 });
    const info = infoLines(await app.until((f) => plain(f).includes('#1 completed'), 'the trial selected'));
    expect(info.join(' ').replace(/\s+/g, ' ')).toContain(`note: ${note}`);
  });

  it('wraps a message wider than the screen onto more status lines, the frame still within rows - 1', async () => {
    const client = new FakeClient(makeSnapshot({ trials: [makeTrial(1, { state: 'running', pid: 5, startedAt: Date.now() })] }), {
      engine: true,
    });
    app = renderApp(client, { rows: 30 });
    await app.until((f) => f.includes('sort id'));
    client.emit('sweep:message', { level: 'info', text: `trial 1 ${REASON}` });
    const frame = plain(await app.until((f) => plain(f).includes('in a row'), 'the message'));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(lines.at(-1)).toMatch(/^p pause/);
    const message = lines.slice(
      lines.findIndex((line) => line.startsWith('trial 1 pruned')),
      -1,
    );
    expect(message.length).toBeGreaterThan(1);
    expect(message.join(' ')).toBe(`trial 1 ${REASON}`);
  });
});

describe('a sweep nothing runs', () => {
  it('answers p, x, P, +, - and n with why not and how to resume, and sends nothing', async () => {
    const trials = [
      makeTrial(1, { state: 'completed', objective: 0.4, best: 0.4, step: 9 }),
      makeTrial(2, { state: 'running', startedAt: Date.now() }),
    ];
    const client = new FakeClient(
      makeSnapshot({ trials, bestTrialId: 1, phase: 'finished', finishedAt: null, stopReason: 'its controller is gone' }),
    );
    const line = 'the sweep is not running (its controller is gone): `sweeptop resume /tmp/sweep` continues it';
    app = renderApp(client, { rows: 30, readOnly: line });
    const first = plain(await app.until((f) => f.includes('sort id')));
    expect(first.split('\n')[0]).toMatch(/ not running: its controller is gone /);
    expect(first).toContain('read-only: nothing runs this sweep');
    for (const key of ['j', 'p', 'x', 'P', '+', '-', 'n']) {
      await app.type(key);
      if (key === 'j') continue;
      const frame = plain(await app.until((f) => plain(f).includes(line), `${key} answered`));
      expect(frame).not.toMatch(/\(y\/n\)/);
      await app.type('s'); // another status message, so the next answer is a new one
      await app.until((f) => !plain(f).includes(line), 'the answer replaced');
    }
    expect(client.commands).toEqual([]);
  });
});
