/** The TUI header of a warm-started sweep names its warm start, also when nothing runs the sweep. */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from '../helpers/tmux.js';
import { TuiSweep } from '../helpers/tui-sweep.js';

let sweep: TuiSweep | undefined;

afterEach(() => sweep?.cleanUp());

describe.skipIf(!hasTmux)('the header of a warm-started sweep', () => {
  it('says how many earlier trials, on attach to the finished sweep: from where at 160 columns, how many at 120', async () => {
    sweep = new TuiSweep('sweeptop-warm-');
    const sweepFile = (extra: string) => `name: w
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs 2 --epoch-ms 5
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
metric: {name: val_loss, goal: minimize}
sampler: {type: tpe, n_startup_trials: 3}
parallel: 1
${extra}`;
    sweep.write('earlier.yaml', sweepFile('trials: 5\n'));
    sweep.write('warm.yaml', sweepFile('trials: 2\nwarm_start: [earlier]\n'));
    expect(sweep.runHeadless('earlier.yaml', 'earlier').stderr).toBe('');
    expect(sweep.runHeadless('warm.yaml').stderr).toBe('');
    sweep.attach('tui', 160);
    const screen = await sweep.tmux.waitFor('tui', (t) => t.includes('finished after'), 'the header of the finished sweep');
    const header = screen.split('\n').find((line) => line.includes('finished after'));
    // a header with room for it
    expect(header).toMatch(/│ parallel 1 │ warm start: 5 trials from earlier$/);
    // at 120 columns in a short form, after everything the header says without it (status says it in full)
    sweep.attach('tui120', 120);
    const narrow = await sweep.tmux.waitFor('tui120', (t) => t.includes('finished after'), 'the header at 120 columns');
    const shortHeader = narrow.split('\n').find((line) => line.includes('finished after'));
    expect(shortHeader).toMatch(/^w finished after .* │ val_loss \(min\) best .* │ parallel 1 │ warm start: 5$/);
  }, 90_000);
});
