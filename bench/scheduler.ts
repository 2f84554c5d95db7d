/**
 * Scheduler overhead (issue: foundation). Runs, in this process:
 *   - a bare child_process.spawn loop: 500 × `true`, 8 at a time (the baseline);
 *   - sweeptop: 500 no-op trials (`true`) at parallel 8 with persistence on;
 * and prints trials/s for both and their ratio (goal: ≥ 100 trials/s, within 2× of the baseline).
 * Then, in a child process, a 10,000-trial sweep of no-op trials: peak RSS (goal < 200 MB) and
 * the size of sweep.json after it. `--quick` runs smaller sweeps.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSweepText } from '../src/engine/config/load.js';
import { resolveSweep } from '../src/engine/config/resolve.js';
import { Sweep } from '../src/engine/sweep/sweep.js';

const quick = process.argv.includes('--quick');
const TRIALS = quick ? 200 : 500;
const BIG = quick ? 2000 : 10_000;
const PARALLEL = 8;

async function sweepOfNoOps(trials: number, parallel: number): Promise<{ seconds: number; dir: string; temp: string }> {
  const temp = mkdtempSync(join(tmpdir(), 'sweeptop-bench-'));
  const yaml = `command: "true"\nparameters:\n  x: {type: uniform, low: 0, high: 1}\ntrials: ${trials}\nparallel: ${parallel}\nmetric: loss\n`;
  const path = join(temp, 'sweep.yaml');
  writeFileSync(path, yaml);
  const resolved = await resolveSweep(parseSweepText('sweep.yaml', path, yaml), yaml);
  const dir = join(temp, 'out');
  mkdirSync(dir);
  const sweep = new Sweep({ resolved, dir, reproducibility: { sweeptopVersion: 'bench', node: process.version, host: '', user: '', cwd: temp, command: [], git: null } });
  const started = performance.now();
  sweep.start();
  await sweep.done;
  return { seconds: (performance.now() - started) / 1000, dir, temp };
}

async function bareSpawnLoop(trials: number, parallel: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < trials) {
      next++;
      await new Promise<void>((resolve) => spawn('true', [], { stdio: 'ignore' }).on('close', () => resolve()));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return (performance.now() - started) / 1000;
}

function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

if (process.argv.includes('--worker')) {
  const { seconds, dir, temp } = await sweepOfNoOps(BIG, PARALLEL);
  const size = statSync(join(dir, 'sweep.json')).size;
  console.log(JSON.stringify({ seconds, peakRssMb: peakRssMb(), sweepJsonBytes: size }));
  rmSync(temp, { recursive: true, force: true });
  process.exit(0);
}

const baseline = await bareSpawnLoop(TRIALS, PARALLEL);
const ours = await sweepOfNoOps(TRIALS, PARALLEL);
rmSync(ours.temp, { recursive: true, force: true });
const baseRate = TRIALS / baseline;
const ourRate = TRIALS / ours.seconds;
console.log(`no-op trials, parallel ${PARALLEL}, ${TRIALS} trials`);
console.log(`  bare spawn loop     ${baseRate.toFixed(0).padStart(6)} trials/s  (${baseline.toFixed(2)} s)`);
console.log(`  sweeptop            ${ourRate.toFixed(0).padStart(6)} trials/s  (${ours.seconds.toFixed(2)} s)`);
console.log(`  ratio               ${(baseRate / ourRate).toFixed(2)}× slower than bare spawn   goal: ≥ 100 trials/s and ≤ 2×`);

const worker = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
if (worker.status !== 0) {
  console.error(worker.stderr);
  process.exit(1);
}
const big = JSON.parse(worker.stdout.trim().split('\n').at(-1)!);
console.log(`${BIG} no-op trials, parallel ${PARALLEL}`);
console.log(`  wall time           ${big.seconds.toFixed(1)} s (${(BIG / big.seconds).toFixed(0)} trials/s)`);
console.log(`  peak RSS            ${big.peakRssMb.toFixed(0)} MB   goal: < 200 MB`);
console.log(`  sweep.json          ${(big.sweepJsonBytes / 1e6).toFixed(1)} MB`);
