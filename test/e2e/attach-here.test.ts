/**
 * A bare `sweeptop attach` in a real terminal: the live sweep started from the current folder
 * comes before a newer one of another project; from a folder that started none, the newest live
 * sweep anywhere, and the status line says where it came from.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;
const env = () => ({ ...process.env, XDG_STATE_HOME: join(dir, 'state') });

afterEach(() => {
  for (const project of ['ours', 'theirs'])
    spawnSync(process.execPath, [MAIN, 'stop', join(dir, project, 'sweep'), '--now'], { env: env(), timeout: 30_000 });
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** `sweeptop run --detach` typed in the folder `project`, on a sweep named after it. */
function detachIn(project: string): void {
  const folder = join(dir, project);
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'sweep.yaml'),
    `name: ${project}-sweep
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs 100 --epoch-ms 200
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 1
metric: val_loss
`,
  );
  const started = spawnSync(process.execPath, [MAIN, 'run', '--detach', '--dir', 'sweep'], {
    cwd: folder,
    env: env(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect([started.status, started.stderr]).toEqual([0, '']);
}

describe.skipIf(!hasTmux)('a bare attach', () => {
  it("prefers the current folder's live sweep to a newer one elsewhere", async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-attach-here-'));
    tmux = new Tmux();
    detachIn('ours');
    await new Promise((r) => setTimeout(r, 50)); // registered one after the other
    detachIn('theirs');
    mkdirSync(join(dir, 'neither'));
    // a bare attach typed in `project` (the pane's command is run by env: cd needs a shell)
    const attach = (project: string) => `sh -c 'cd ${join(dir, project)} && XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} attach'`;

    tmux.start('ours', attach('ours'));
    const ours = await tmux.waitFor('ours', (t) => /^ours-sweep /m.test(t) || /^theirs-sweep /m.test(t), 'the header');
    expect(ours).toMatch(/^ours-sweep /m);
    tmux.keys('ours', 'q');
    await tmux.waitFor('ours', (t) => t.includes('EXITED'), 'q to detach');

    tmux.start('neither', attach('neither'), 200);
    const neither = await tmux.waitFor('neither', (t) => t.includes('none was started from this folder'), 'the notice');
    expect(neither).toMatch(/^theirs-sweep /m);
    expect(neither).toContain(`the newest of 2 live sweeps, started from ${join(dir, 'theirs')}`);
    tmux.keys('neither', 'q');
    await tmux.waitFor('neither', (t) => t.includes('EXITED'), 'q to detach');
  }, 90_000);
});
