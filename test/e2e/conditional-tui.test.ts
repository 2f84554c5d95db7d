/**
 * A conditional sweep (fixtures/sweeps/conditional.yaml) in a real terminal at 120×35, opened by
 * `attach` once finished: an absent parameter's cell is blank (not `-`, which reads as a value
 * lost), and the analysis view scores the parameters every trial has, naming the conditional ones
 * it leaves out. Needs a built dist/ (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

describe.skipIf(!hasTmux)('a conditional sweep on screen', () => {
  it('leaves an absent parameter blank in the table, and names it as not scored in the analysis', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-conditional-tui-'));
    tmux = new Tmux();
    const state = join(dir, 'state');
    const sweep = join(dir, 'sweep');
    const run = spawnSync(process.execPath, [MAIN, 'run', resolve('fixtures/sweeps/conditional.yaml'), '--headless', '--dir', sweep], {
      env: { ...process.env, XDG_STATE_HOME: state, CI: 'true' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);

    tmux.start('view', `XDG_STATE_HOME=${state} node ${MAIN} attach ${sweep}`);
    const screen = await tmux.waitFor('view', (t) => /read-only/.test(t) && /^›/m.test(t), 'the finished sweep');
    const lines = screen.split('\n');
    const header = lines.find((l) => /^\s+id state/.test(l))!;
    const column = (name: string) => {
      const end = header.indexOf(` ${name}`) + name.length + 1;
      expect(end, `a ${name} column in ${header}`).toBeGreaterThan(name.length);
      return end;
    };
    // numbers are right-aligned under their header: a cell is the text ending where the header ends
    const cell = (line: string, name: string) => line.slice(column(name) - name.length, column(name)).trim();
    const sweepJson = JSON.parse(readFileSync(join(sweep, 'sweep.json'), 'utf8'));
    let adamRows = 0;
    for (const line of lines) {
      const id = /^\S*\s+(\d+) completed/.exec(line)?.[1];
      if (id === undefined) continue;
      const params = sweepJson.trials.find((t: { id: number }) => t.id === Number(id)).params;
      if (params.optimizer !== 'adam') continue;
      adamRows++;
      expect(cell(line, 'momentum'), line).toBe('');
      expect(cell(line, 'beta1'), line).not.toBe('');
    }
    expect(adamRows).toBeGreaterThan(0);

    tmux.keys('view', 'a');
    const analysis = await tmux.waitFor('view', (t) => /not scored/.test(t), 'the importance bars');
    expect(analysis).toMatch(/not scored, absent from some trials \(when:\): momentum, beta1, units_3/);
    expect(analysis).toMatch(/^optimizer\s+█/m);
  }, 90_000);
});
