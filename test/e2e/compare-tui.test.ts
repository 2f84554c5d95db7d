/**
 * The compare view in a real terminal at 120×35: a finished sweep opened by `attach`, two trials
 * marked with space, `c` shows them side by side — state, runtime, parameters, the objective and
 * its best, the other metrics, the reason — with their curves overlaid below; Esc goes back to the
 * table. Needs a built dist/ (npm run build).
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from '../helpers/tmux.js';
import { TuiSweep } from '../helpers/tui-sweep.js';

let sweep: TuiSweep | undefined;

afterEach(() => sweep?.cleanUp());

describe.skipIf(!hasTmux)('the compare view', () => {
  it('shows two marked trials of a finished sweep side by side with their curves, and Esc goes back', async () => {
    sweep = new TuiSweep('sweeptop-compare-tui-');
    const { tmux } = sweep;
    const file = sweep.write(
      'cmp.yaml',
      `name: cmp
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --layers {layers} --epochs 8 --epoch-ms 20 --format kv
parameters:
  lr: {type: categorical, values: [0.01, 0.001]}
  layers: {type: categorical, values: [2]}
sampler: grid
parallel: 2
metric: {name: val_loss, goal: minimize}
`,
    );
    sweep.runHeadless(file);

    sweep.attach('view');
    await tmux.waitFor('view', (t) => /read-only/.test(t) && /^›/m.test(t), 'the finished sweep');
    tmux.keys('view', 'c');
    await tmux.waitFor('view', (t) => /mark two or more trials with space to compare/.test(t), 'the hint with no trial marked');
    tmux.keys('view', 'Space');
    await tmux.waitFor('view', (t) => /^›.{0,4}●/m.test(t), 'the first row marked');
    tmux.keys('view', 'j');
    tmux.keys('view', 'Space');
    tmux.keys('view', 'c');
    const screen = await tmux.waitFor('view', (t) => /compare 2 trials/.test(t) && /┤/.test(t), 'the compare view with curves');
    const line = (label: string) => screen.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(line('trial')).toMatch(/━ #\d+\s+━ #\d+/);
    expect(line('state')).toMatch(/completed\s+completed/);
    expect(line('runtime')).toMatch(/\d+s\s+\d+s/);
    // lr differs between the two, layers does not
    expect(line('lr').split(/\s+/).slice(1, 3).sort()).toEqual(['0.001', '0.01']);
    expect(line('layers')).toMatch(/^layers\s+2\s+2\s*$/);
    expect(line('val_loss')).toMatch(/^val_loss\s+\d\.\d+\s+\d\.\d+/);
    expect(line('  best')).toMatch(/\d\.\d+\s+\d\.\d+/);
    expect(screen).toMatch(/^val_loss ━ #\d+ ━ #\d+/m);
    // the hint that asked for marks has gone; a metric named as a parameter (the trainer's `lr`)
    // comes under results, apart from the parameter
    expect(screen).not.toContain('mark two or more');
    const labels = screen.split('\n').map((l) => l.split(/\s{2,}/)[0]);
    expect(labels.indexOf('parameters')).toBeLessThan(labels.indexOf('lr'));
    expect(labels.lastIndexOf('lr')).toBeGreaterThan(labels.indexOf('results'));
    // nothing drawn past the terminal's width
    for (const row of screen.split('\n')) expect(row.length).toBeLessThanOrEqual(120);
    tmux.keys('view', 'Escape');
    await tmux.waitFor('view', (t) => !/compare 2 trials/.test(t) && /read-only/.test(t), 'the table again');
  }, 90_000);
});
