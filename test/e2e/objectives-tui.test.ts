/**
 * A sweep of two objectives in a real terminal (attach, read-only): the table marks exactly the
 * Pareto front that `sweeptop status --json` gives, shows the second objective in a column of its
 * own, and `s` sorts by it, naming it.
 */
import { mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

describe.skipIf(!hasTmux)('a sweep of two objectives in the TUI', () => {
  it('marks the Pareto front with ★, shows latency_ms, and sorts by it with s', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-objectives-'));
    tmux = new Tmux();
    const state = join(dir, 'state');
    const env = { ...process.env, XDG_STATE_HOME: state, CI: 'true' };
    const sweep = join(dir, 'sweep');
    const run = spawnSync(process.execPath, [MAIN, 'run', resolve('fixtures/sweeps/two-objectives.yaml'), '--headless', '--dir', sweep], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const status = JSON.parse(spawnSync(process.execPath, [MAIN, 'status', sweep, '--json'], { env, encoding: 'utf8' }).stdout);
    const front: number[] = [...status.front].sort((a: number, b: number) => a - b);

    // tall enough for all 18 rows
    tmux.start('view', `XDG_STATE_HOME=${state} node ${MAIN} attach ${sweep}`, 120, 60);
    const rowsOf = (screen: string) =>
      [...screen.matchAll(/^(.)(.)\s+(\d+) completed\b/gm)].map((m) => ({ star: m[2] === '★', id: Number(m[3]) }));
    const first = await tmux.waitFor('view', (t) => rowsOf(t).length === 18, 'all 18 trials in the table');
    expect(first).toMatch(/★ front 4/);
    expect(first).toMatch(/^.*\bbest +latency_ms\b/m);
    const starred = rowsOf(first)
      .filter((r) => r.star)
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(starred).toEqual(front);

    // active → id → objective → latency_ms
    for (const shown of ['sorted by id', 'sorted by val_acc', 'sorted by latency_ms']) {
      tmux.keys('view', 's');
      await tmux.waitFor('view', (t) => t.includes(shown), shown);
    }
    // the rows redraw after the header: judged once all 18 are drawn in the new order
    const latenciesOf = (screen: string) => [...screen.matchAll(/^.{2}\s+\d+ completed .*?\s(\d+\.\d+) ▁/gm)].map((m) => Number(m[1]));
    const ascending = (values: number[]) => values.every((value, i) => i === 0 || values[i - 1] <= value);
    const sorted = await tmux.waitFor(
      'view',
      (t) => /latency_ms▾/.test(t) && latenciesOf(t).length === 18,
      'the table sorted by latency_ms, every row drawn',
    );
    expect(ascending(latenciesOf(sorted)), sorted).toBe(true);
  }, 90_000);
});
