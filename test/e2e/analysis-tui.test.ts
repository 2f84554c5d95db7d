/**
 * The analysis view in a real terminal at 120×35: a finished sweep of 12 trials opened by
 * `attach`, `a` shows a bar per parameter for its importance (computed in a worker thread) and the
 * most important parameter against the objective, the best trial starred; → moves to the next
 * parameter; Esc goes back to the table. Needs a built dist/ (npm run build).
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from '../helpers/tmux.js';
import { TuiSweep } from '../helpers/tui-sweep.js';

let sweep: TuiSweep | undefined;

afterEach(() => sweep?.cleanUp());

describe.skipIf(!hasTmux)('the analysis view', () => {
  it('shows importance bars and a parameter-vs-objective scatter of a finished sweep, → the next parameter', async () => {
    sweep = new TuiSweep('sweeptop-analysis-tui-');
    const { tmux } = sweep;
    const file = sweep.write(
      'an.yaml',
      `name: an
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --layers {layers} --epochs 3 --epoch-ms 5 --format kv
parameters:
  lr: {type: categorical, values: [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]}
  layers: {type: categorical, values: [2, 4]}
sampler: grid
parallel: 2
metric: {name: val_loss, goal: minimize}
`,
    );
    sweep.runHeadless(file);

    sweep.attach('view');
    await tmux.waitFor('view', (t) => /read-only/.test(t) && /^›/m.test(t), 'the finished sweep');
    tmux.keys('view', 'a');
    const screen = await tmux.waitFor('view', (t) => /^lr\s+█/m.test(t) && /^layers\s/m.test(t), 'the importance bars');
    const rows = screen.split('\n');
    const share = (name: string) => Number(/(\d\.\d{3})\s*$/.exec(rows.find((l) => l.startsWith(`${name} `)) ?? '')?.[1]);
    expect(share('lr') + share('layers')).toBeCloseTo(1, 2);
    // the most important parameter is plotted first, its values as columns, the best starred
    const first = share('lr') >= share('layers') ? 'lr' : 'layers';
    expect(screen).toMatch(new RegExp(`^${first} vs val_loss · 1/2`, 'm'));
    expect(screen).toMatch(/★/);
    expect(screen).toMatch(/┤/);
    expect(screen).toMatch(/└─+/);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(120);
    tmux.keys('view', 'Right');
    const second = first === 'lr' ? 'layers' : 'lr';
    await tmux.waitFor('view', (t) => new RegExp(`^${second} vs val_loss · 2/2`, 'm').test(t), 'the next parameter');
    tmux.keys('view', 'Escape');
    await tmux.waitFor('view', (t) => !/vs val_loss/.test(t) && /read-only/.test(t), 'the table again');
  }, 90_000);
});
