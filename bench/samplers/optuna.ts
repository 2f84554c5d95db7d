/**
 * Optuna's TPESampler on the benchmark's problems (bench/optuna_samplers.py, via Debian's
 * python3-optuna): the baseline of the sampler comparison. Seeds are split over several Python
 * processes, one per core, because a study takes seconds and the many-seed run needs thousands.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { PROBLEMS } from './problems.js';

export interface OptunaCurves {
  version: string;
  /** Per problem, per seed in order: the best value after each trial. */
  best: Record<string, number[][]>;
}

const SCRIPT = fileURLToPath(new URL('../optuna_samplers.py', import.meta.url));

/** Seeds first…first+count−1 over `processes` processes; a string says why Optuna could not run. */
export async function optunaCurves(first: number, count: number, trials: number, processes: number): Promise<OptunaCurves | string> {
  const chunk = Math.ceil(count / processes);
  const starts = Array.from({ length: Math.ceil(count / chunk) }, (_, i) => first + i * chunk);
  const parts = await Promise.all(starts.map((start) => runScript(start, Math.min(chunk, first + count - start), trials)));
  const failed = parts.find((part): part is string => typeof part === 'string');
  if (failed) return failed;
  const results = parts as Array<OptunaCurves & { checks: Record<string, number> }>;
  for (const problem of PROBLEMS) {
    const ours = problem.objective(problem.check);
    const theirs = results[0].checks[problem.name];
    if (Math.abs(ours - theirs) > 1e-9 * Math.max(1, Math.abs(ours))) {
      return `${problem.name} differs between bench/samplers/problems.ts (${ours}) and bench/optuna_samplers.py (${theirs})`;
    }
  }
  const best = Object.fromEntries(PROBLEMS.map((p) => [p.name, results.flatMap((r) => r.best[p.name])]));
  return { version: results[0].version, best };
}

async function runScript(
  first: number,
  seeds: number,
  trials: number,
): Promise<(OptunaCurves & { checks: Record<string, number> }) | string> {
  const args = [SCRIPT, '--seeds', String(seeds), '--first-seed', String(first), '--trials', String(trials)];
  const run = await execa('/usr/bin/python3', args, { reject: false });
  if (run.exitCode === 0) return JSON.parse(run.stdout);
  if (run.stdout.includes('error'))
    return `/usr/bin/python3 cannot import optuna (${JSON.parse(run.stdout).error}; apt-get install python3-optuna)`;
  return run.stderr.split('\n').filter(Boolean).at(-1) ?? `python3 exited with ${run.exitCode}`;
}
