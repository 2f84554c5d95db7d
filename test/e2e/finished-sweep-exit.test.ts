/**
 * A sweep that ends while the TUI watches it: leaving the TUI prints what a headless run ends
 * with — the best trials, the winner, the command that runs it again — in a real terminal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/sweep.js';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

describe.skipIf(!hasTmux)('leaving the TUI of a finished sweep', () => {
  it('prints the winner and the command that runs it again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-finished-'));
    tmux = new Tmux();
    const file = join(dir, 'sweep.yaml');
    writeFileSync(
      file,
      `name: ends
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs 4 --epoch-ms 300
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 3
parallel: 3
metric: {name: val_loss, goal: minimize}
`,
    );
    const sweep = join(dir, 'sweep');
    tmux.start('tui', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} run ${file} --dir ${sweep}`, 200);
    await tmux.waitFor('tui', (t) => /running 3\b/.test(t), 'three running trials');
    await waitFor(
      () => !existsSync(join(sweep, 'controller.lock')) && existsSync(join(sweep, 'sweep.json')),
      30_000,
      'the sweep to finish',
    );
    const best = JSON.parse(spawnSync(process.execPath, [MAIN, 'best', sweep, '--json'], { encoding: 'utf8' }).stdout);
    tmux.keys('tui', 'q');
    const after = await tmux.waitFor('tui', (t) => t.includes('EXITED'), 'q to leave');
    expect(after).toMatch(/finished: all 3 trials done/);
    expect(after).toContain(`the winner: trial ${best.id}, val_loss`);
    expect(after).toContain(`run it again:\n  cd ${dir} && ${best.command}`);
    expect(after).toMatch(/EXITED 0/);
    expect(JSON.parse(readFileSync(join(sweep, 'sweep.json'), 'utf8')).phase).toBe('finished');
  }, 90_000);
});
