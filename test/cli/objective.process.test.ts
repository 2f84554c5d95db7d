/**
 * The objective a user means, end to end: ordinary research scripts (fixtures/research.mjs, the
 * sweeps in fixtures/sweeps/objective/) through a live headless sweep, `status`/`best --json`,
 * and `sweeptop metrics` on the same trial's log.
 */
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const SWEEPS = resolve('fixtures/sweeps/objective');

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

interface Row {
  id: number;
  state: string;
  params: Record<string, number>;
  objective: number | string | null;
  best: number | string | null;
  steps: number;
  spread: number | null;
  objective_source: string | null;
  echoed: Record<string, unknown>;
  reason: string | null;
}

async function sweep(name: string): Promise<{ code: number | null; stdout: string; dir: string; trials: Row[] }> {
  const dir = `${temp.path}/out`;
  const run = await runCli(['run', `${SWEEPS}/${name}.yaml`, '--headless', '--dir', dir]);
  const status = await runCli(['status', dir, '--json']);
  return { code: run.code, stdout: run.stdout + run.stderr, dir, trials: (JSON.parse(status.stdout) as { trials: Row[] }).trials };
}

async function pointsOf(
  log: string,
  config?: string,
): Promise<{
  points: Array<{ name: string; step: number; value: number; context?: string }>;
  echoed: Record<string, unknown>;
  stderr: string;
}> {
  const { stdout, stderr } = await runCli(['metrics', log, '--json', ...(config ? ['--config', config] : [])]);
  const records = stdout
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const echoed = (records.find((r) => 'echoed' in r)?.echoed ?? {}) as Record<string, unknown>;
  return { points: records.filter((r) => 'name' in r) as never, echoed, stderr };
}

describe('the objective a user means', () => {
  it('ranks an unchanged 5-fold CV script by its fold mean, not its last fold', async () => {
    const { code, dir, trials } = await sweep('cv');
    expect(code).toBe(0);
    const byC = new Map(trials.map((t) => [t.params.C, t]));
    // C=10 has the best last fold (0.9874) and the worse mean
    expect(byC.get(1)!.objective).toBeCloseTo((0.972 + 0.967 + 0.971 + 0.968 + 0.97) / 5, 4);
    expect(byC.get(10)!.objective).toBeCloseTo(0.963, 3);
    expect(byC.get(1)!.spread).toBeGreaterThan(0);
    // one value per fold: its best is its mean, and the folds' spread is a result, not configuration
    expect(byC.get(10)!.best).toBeCloseTo(0.963, 3);
    expect(byC.get(10)!.echoed).not.toHaveProperty('std/accuracy');
    const best = JSON.parse((await runCli(['best', dir, '--json'])).stdout) as Row;
    expect(best.params.C).toBe(1);
    // Five folds cannot give a two-sided p below 2/32: `best` says so rather than print a p-value.
    const [first, second] = [byC.get(10)!.id, byC.get(0.1)!.id];
    expect((await runCli(['best', dir])).stdout).toContain(
      `best #${best.id}: 0.9696 ± 0.001855; too few shared runs to tell from #${first} (5), #${second} (5) — the paired test needs 6 at α = 0.05\n`,
    );

    const log = `${dir}/trials/${byC.get(10)!.id}/stdout.log`;
    const { points } = await pointsOf(log);
    const accuracy = points.filter((p) => p.name === 'accuracy');
    expect(accuracy.map((p) => p.context)).toEqual(['fold 1', 'fold 2', 'fold 3', 'fold 4', 'fold 5']);
    expect(points.find((p) => p.name === 'mean/accuracy')?.value).toBe(0.963);
    expect(points.find((p) => p.name === 'std/accuracy')?.value).toBe(0.0123);
    expect(points.some((p) => p.name === 'fold')).toBe(false);
  });

  it("keeps a Keras script's `Best val_accuracy` summary off the curve: the last epoch decides", async () => {
    const { dir, trials } = await sweep('keras-best');
    const fast = trials.find((t) => t.params.lr === 0.01)!;
    expect(fast.objective).toBe(0.975);
    expect(fast.steps).toBe(8);
    expect((JSON.parse((await runCli(['best', dir, '--json'])).stdout) as Row).params.lr).toBe(0.001);
    const { points } = await pointsOf(`${dir}/trials/${fast.id}/stdout.log`);
    expect(points.filter((p) => p.name === 'val_accuracy')).toHaveLength(8);
    expect(points.find((p) => p.name === 'best/val_accuracy')?.value).toBe(0.9806);
  });

  it('records echoed configuration apart from the metrics', async () => {
    const { dir, trials } = await sweep('echo-config');
    const trial = trials[0];
    expect(trial.echoed).toMatchObject({
      lr: trial.params.lr,
      batch_size: 64,
      optimizer: 'adam',
      'train samples': 1437,
      'test/samples': 360,
    });
    const best = JSON.parse((await runCli(['best', dir, '--json'])).stdout) as Row & { metrics: Record<string, unknown> };
    expect(Object.keys(best.metrics).sort()).toEqual(['loss', 'val_loss']);
    const { points, echoed } = await pointsOf(`${dir}/trials/${trial.id}/stdout.log`);
    expect(new Set(points.map((p) => p.name))).toEqual(new Set(['loss', 'val_loss']));
    expect(echoed).toMatchObject({ batch_size: 64, 'train samples': 1437 });
  });

  it('takes `final val_loss=` as the objective when val_loss is printed nowhere else, and says so', async () => {
    const { code, stdout, dir, trials } = await sweep('final-only');
    expect(code).toBe(0);
    for (const trial of trials) expect(trial).toMatchObject({ state: 'completed', objective_source: 'final/val_loss', reason: null });
    expect(stdout).toContain('objective: final/val_loss — no per-step val_loss printed');
    expect((await runCli(['best', dir])).stdout).toContain('objective: final/val_loss — no per-step val_loss printed');
    const check = await pointsOf(`${dir}/trials/0/stdout.log`, `${SWEEPS}/final-only.yaml`);
    expect(check.stderr).toMatch(/^objective: val_loss = 0\.\d+ \(final\/val_loss — no per-step val_loss printed\)$/m);
  });

  it('stops a sweep whose objective is misspelled after two trials, naming the metric it meant, exit 3', async () => {
    const { code, stdout, trials } = await sweep('misspelled');
    expect(code).toBe(3);
    expect(trials.filter((t) => t.state === 'completed')).toHaveLength(2);
    expect(stdout).toContain("metric 'val_acc' was never reported; seen: ");
    expect(stdout).toContain("did you mean 'val_accuracy'?");
    const check = await pointsOf(`${temp.path}/out/trials/0/stdout.log`, `${SWEEPS}/misspelled.yaml`);
    expect(check.stderr).toMatch(/^warning: metric 'val_acc' was never reported; seen: .* — did you mean 'val_accuracy'\?$/m);

    // fixed in place, without running anything again
    const rescore = await runCli(['rescore', `${temp.path}/out`, '--metric', 'val_accuracy', '--goal', 'maximize']);
    expect(rescore.code, rescore.stderr).toBe(0);
    const best = JSON.parse((await runCli(['best', `${temp.path}/out`, '--json'])).stdout) as Row;
    const objectives = trials.map((t) => (t.params.lr >= 0.01 ? 0.975 : 0.978));
    expect(best.objective).toBe(Math.max(...objectives));
  });
});
