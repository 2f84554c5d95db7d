/**
 * A silent trial on the screen, in a real terminal: of two trials of the fixture trainer, one
 * prints two epochs and then nothing (--hang), the other keeps printing. The silent one is flagged
 * in its row within its threshold (the 60 s floor shortened by SWEEPTOP_SILENCE_FLOOR_MS) and
 * counted in the header; the other never is. Needs a built dist/ (npm run build).
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
const FLOOR_MS = 3000;
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

const rowOf = (text: string, id: number) => text.split('\n').find((l) => new RegExp(`^.{4}\\s*${id} \\w`).test(l)) ?? '';

describe.skipIf(!hasTmux)('a silent trial in the TUI', () => {
  it('is flagged in its row within its threshold and counted in the header; a trial still printing is not', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-silence-'));
    tmux = new Tmux();
    const file = join(dir, 'quiet.yaml');
    writeFileSync(
      file,
      `name: quiet
command: node ${resolve('fixtures/train.mjs')} --epochs {epochs} --epoch-ms 150 --hang
parameters:
  epochs: {type: choice, values: [2, 400]}
sampler: grid
parallel: 2
metric: val_loss
`,
    );
    tmux.start(
      'tui',
      `XDG_STATE_HOME=${join(dir, 'state')} SWEEPTOP_SILENCE_FLOOR_MS=${FLOOR_MS} node ${MAIN} run ${file} --dir ${join(dir, 'sweep')}`,
    );
    await tmux.waitFor('tui', (t) => /running 2\b/.test(t), 'two running trials');
    const flagged = await tmux.waitFor('tui', (t) => /silent \d+s/.test(rowOf(t, 0)), 'trial 0 flagged silent', 15_000);
    const seenAt = Date.now();
    const lastOutput = statSync(join(dir, 'sweep', 'trials', '0', 'stdout.log')).mtimeMs;
    // not before its threshold; within it and a check (and the screen's batching) after
    expect(seenAt - lastOutput).toBeGreaterThanOrEqual(FLOOR_MS);
    expect(seenAt - lastOutput).toBeLessThan(FLOOR_MS + 2500);
    expect(rowOf(flagged, 1)).toMatch(/^.{4}\s*1 running /);
    // the header's count follows on its 5 s clock
    const header = await tmux.waitFor('tui', (t) => /running 2 silent 1\b/.test(t.split('\n')[0]), 'the header to count it', 8000);
    expect(rowOf(header, 1)).not.toMatch(/silent/);
    // running trials first: the cursor is on one of them
    expect(header.split('\n').find((l) => l.startsWith('›'))).toMatch(/^›\s+\d+ (running|silent)/);
  }, 45_000);
});
