/** The TUI header of a warm-started sweep names its warm start, also when nothing runs the sweep. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

describe.skipIf(!hasTmux)('the header of a warm-started sweep', () => {
  it('says how many earlier trials, on attach to the finished sweep: from where at 160 columns, how many at 120', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-warm-'));
    tmux = new Tmux();
    const sweepFile = (extra: string) => `name: w
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs 2 --epoch-ms 5
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
metric: {name: val_loss, goal: minimize}
sampler: {type: tpe, n_startup_trials: 3}
parallel: 1
${extra}`;
    writeFileSync(join(dir, 'earlier.yaml'), sweepFile('trials: 5\n'));
    writeFileSync(join(dir, 'warm.yaml'), sweepFile('trials: 2\nwarm_start: [earlier]\n'));
    const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };
    for (const name of ['earlier', 'sweep']) {
      const file = name === 'sweep' ? 'warm.yaml' : 'earlier.yaml';
      const run = spawnSync(process.execPath, [MAIN, 'run', file, '--dir', name, '--headless'], { cwd: dir, env, encoding: 'utf8' });
      expect([run.status, run.stderr]).toEqual([0, '']);
    }
    tmux.start('tui', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} attach ${join(dir, 'sweep')}`, 160);
    const screen = await tmux.waitFor('tui', (t) => t.includes('finished after'), 'the header of the finished sweep');
    const header = screen.split('\n').find((line) => line.includes('finished after'));
    // a header with room for it
    expect(header).toMatch(/│ parallel 1 │ warm start: 5 trials from earlier$/);
    // at 120 columns in a short form, after everything the header says without it (status says it in full)
    tmux.start('tui120', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} attach ${join(dir, 'sweep')}`, 120);
    const narrow = await tmux.waitFor('tui120', (t) => t.includes('finished after'), 'the header at 120 columns');
    const shortHeader = narrow.split('\n').find((line) => line.includes('finished after'));
    expect(shortHeader).toMatch(/^w finished after .* │ val_loss \(min\) best .* │ parallel 1 │ warm start: 5$/);
  }, 90_000);
});
