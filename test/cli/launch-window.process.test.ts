/**
 * A controller killed in the launch window — right after a trial's folder appears — must leave
 * that trial's parameters whole on disk or not at all; and `resume` never runs a trial whose
 * parameters cannot be read back: it is lost, with the reason, and says so.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { useSweepFolder, killHard } from '../helpers/sweep-folder.js';
import { TRAINER } from '../helpers/sweep.js';

const folder = useSweepFolder();

const SWEEP = (trials: number, parallel: number) => `name: window
command: node ${TRAINER} --lr {lr} --layers {layers} --epochs 2 --epoch-ms 20
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 6}
trials: ${trials}
parallel: ${parallel}
metric: {name: val_loss, goal: minimize}
`;

interface Stored {
  id: number;
  state: string;
  params: Record<string, unknown>;
  argv: string[];
  reason: string | null;
}

const storedTrials = (dir: string): Stored[] => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).trials;

/** Resolves once a folder trials/<n> exists (polled every millisecond). */
async function folderAppears(dir: string, timeoutMs = 20_000): Promise<void> {
  const trials = join(dir, 'trials');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if (readdirSync(trials).length > 0) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error('no trial folder appeared');
}

describe('the launch window', () => {
  it('a controller SIGKILLed 0–5 ms after a trial folder appears leaves whole params.json files, and resume never runs a trial with missing values', async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const out = join(folder.temp.path, 'out');
      folder.temp.file('sweep.yaml', SWEEP(3, 3));
      const run = startCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
      await folderAppears(out);
      const delay = attempt % 6;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      await killHard(run.child.pid!);
      await run.result;
      for (const id of readdirSync(join(out, 'trials'))) {
        const path = join(out, 'trials', id, 'params.json');
        if (!existsSync(path)) continue;
        const params = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        expect(Object.keys(params).sort(), `attempt ${attempt}: ${path}`).toEqual(['layers', 'lr']);
      }
      // the trials the dead controller had started are killed as a stop would, so resume adopts nothing alive
      const resumed = await runCli(['resume', out, '--headless'], { env: folder.env });
      expect(resumed.code, resumed.stderr).toBe(0);
      for (const trial of storedTrials(out)) {
        const ran = existsSync(join(out, 'trials', String(trial.id), 'stdout.log'));
        if (!ran) continue;
        expect(trial.argv, `attempt ${attempt}: trial ${trial.id}`).not.toContain('');
        expect(Object.keys(trial.params).sort(), `attempt ${attempt}: trial ${trial.id}`).toEqual(['layers', 'lr']);
        const onDisk = JSON.parse(readFileSync(join(out, 'trials', String(trial.id), 'params.json'), 'utf8'));
        expect(onDisk).toEqual(trial.params);
      }
      await runCli(['stop', out, '--now'], { env: folder.env });
      folder.temp.remove();
      mkdirSync(folder.temp.path);
    }
  }, 180_000);
});

describe('a trial id whose folder never reached the disk', () => {
  it("is run by resume when a later trial's folder did reach it, so the sweep still runs its budget; the half-built folder is removed", async () => {
    folder.temp.file('sweep.yaml', SWEEP(3, 3));
    const first = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
    expect(first.code, first.stderr).toBe(0);
    const out = join(folder.temp.path, 'out');
    // the controller died with trial 1's folder still under its hidden name, after trial 2's was renamed
    // into place and before sweep.json heard of either
    rmSync(join(out, 'trials', '1'), { recursive: true });
    const halfBuilt = join(out, 'trials', '.1.0badf00d.tmp');
    mkdirSync(halfBuilt);
    writeFileSync(join(halfBuilt, 'params.json'), '{"lr": 0.0');
    const document = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    document.trials = document.trials.filter((t: Stored) => t.id === 0);
    writeFileSync(join(out, 'sweep.json'), JSON.stringify(document));

    const resumed = await runCli(['resume', out, '--headless'], { env: folder.env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(storedTrials(out).map((t) => [t.id, t.state])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(readdirSync(join(out, 'trials')).sort()).toEqual(['0', '1', '2']);
  }, 60_000);
});

describe('resume and unreadable parameters', () => {
  it.each([
    ['empty', '', /params\.json is empty/],
    ['not JSON', '{"lr": 0.0', /params\.json is not valid JSON/],
    ['missing a declared parameter', '{"lr": 0.01}\n', /params\.json has no value for parameter layers/],
    ['absent', null, /params\.json is missing/],
  ])(
    'a trial folder whose params.json is %s is marked lost with the reason, said once, and never launched',
    async (_what, text, reason) => {
      folder.temp.file('sweep.yaml', SWEEP(2, 2));
      const first = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
      expect(first.code, first.stderr).toBe(0);
      const out = join(folder.temp.path, 'out');
      // a third trial's folder, which sweep.json never heard of: its controller died launching it
      const dir = join(out, 'trials', '2');
      mkdirSync(dir);
      if (text !== null) writeFileSync(join(dir, 'params.json'), text);
      const resumed = await runCli(['resume', out, '--headless'], { env: folder.env });
      expect(resumed.code, resumed.stderr).toBe(0);
      const notices = resumed.stderr.split('\n').filter((l) => /parameters could not be read back/.test(l));
      expect(notices, resumed.stderr).toHaveLength(1);
      expect(notices[0]).toMatch(reason);
      const trial = storedTrials(out).find((t) => t.id === 2)!;
      expect(trial.state).toBe('lost');
      expect(trial.reason).toMatch(/^parameters could not be read back from .*trials\/2\/params\.json: /);
      expect(trial.reason).toMatch(reason);
      expect(existsSync(join(dir, 'stdout.log'))).toBe(false);
      const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
      expect(result.state).toBe('lost');
      const status = JSON.parse((await runCli(['status', out, '--json'], { env: folder.env })).stdout);
      expect(status.trials.find((t: Stored) => t.id === 2).state).toBe('lost');
    },
    60_000,
  );
});
