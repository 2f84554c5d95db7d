/**
 * The soak: a real detached sweep of fake trainers that crash now and then, while trial process
 * groups are frozen and thawed (SIGSTOP, SIGCONT) and the controller is killed with SIGKILL at
 * random moments and resumed each time; then the audit of what ran against what was recorded,
 * and a look for any process left behind. Used by the CI-sized test and by `npm run soak`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../src/plugin-api/proc.js';
import { audit, readLedger, type AuditFigures, type RecordedTrial } from './audit.js';
import { processesNaming, SOAK_TOKEN_VARIABLE, tokenProcesses, type FoundProcess } from './processes.js';
import { seededRandom, type Random } from '../lib/seeded-random.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const TRAINER = join(ROOT, 'fixtures/soak-trainer.mjs');

export interface SoakOptions {
  trials: number;
  parallel: number;
  /** How many times the controller is killed (SIGKILL) and the sweep resumed. */
  kills: number;
  seed: number;
  /** The whole soak's limit; past it the sweep is stopped and the soak fails. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface SoakReport extends AuditFigures {
  seed: number;
  kills: number;
  stopCont: number;
  orphans: FoundProcess[];
  wallS: number;
  /** Where the sweep and the ledger are; kept when the soak found a problem. */
  folder: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

function sweepFile(options: SoakOptions, ledger: string, token: string): string {
  return `name: soak
command: node ${TRAINER} --lr {lr} --width {width} --act {act}
parameters:
  lr: {type: loguniform, low: 1.0e-5, high: 1.0}
  width: {type: int, low: 1, high: 4096}
  act: {type: choice, values: [relu, gelu, tanh, silu]}
sampler: random
seed: ${options.seed}
trials: ${options.trials}
parallel: ${options.parallel}
retries: 1
grace: 2s
env: {SOAK_LEDGER: ${JSON.stringify(ledger)}, ${SOAK_TOKEN_VARIABLE}: ${token}}
metric: {name: val_loss, goal: minimize}
`;
}

const lockPid = (dir: string): number | undefined => {
  try {
    return (JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
};

const launched = (dir: string): number => {
  try {
    return readdirSync(join(dir, 'trials')).length;
  } catch {
    return 0;
  }
};

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`soak: timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Resolves a few ms after the next trial folder appears: a kill aimed at the launch window. */
function nextLaunch(dir: string, random: Random, ms: number): Promise<void> {
  const before = new Set(readdirSync(join(dir, 'trials')));
  return new Promise((done) => {
    const watcher = watch(join(dir, 'trials'), (_, name) => {
      if (!name || before.has(String(name))) return;
      watcher.close();
      clearTimeout(timer);
      setTimeout(done, random.int(0, 5));
    });
    const timer = setTimeout(() => (watcher.close(), done()), ms);
  });
}

/** Freezes a random running trial's process group for a while, then thaws it, until told to stop. */
function freezeAndThaw(token: string, random: Random, running: () => boolean) {
  let count = 0;
  const frozen = new Set<number>();
  const thaw = (pgid: number) => {
    try {
      process.kill(-pgid, 'SIGCONT');
    } catch {
      // the group is gone
    }
    frozen.delete(pgid);
  };
  const loop = (async () => {
    while (running()) {
      await sleep(random.int(200, 800));
      const groups = [...new Set(tokenProcesses(token).map((p) => p.pgid))];
      if (groups.length === 0 || !running()) continue;
      const pgid = random.pick(groups);
      try {
        process.kill(-pgid, 'SIGSTOP');
      } catch {
        continue;
      }
      frozen.add(pgid);
      count++;
      await sleep(random.int(100, 1000));
      thaw(pgid);
    }
  })();
  return {
    count: () => count,
    async stop() {
      await loop;
      for (const pgid of [...frozen]) thaw(pgid);
    },
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const random = seededRandom(options.seed);
  const folder = mkdtempSync(join(tmpdir(), 'sweeptop-soak-'));
  const dir = join(folder, 'out');
  const ledger = join(folder, 'ledger.jsonl');
  const token = `soak-${options.seed}-${process.pid}-${started}`;
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_STATE_HOME: join(folder, 'state') };
  delete env.XDG_RUNTIME_DIR;
  writeFileSync(join(folder, 'sweep.yaml'), sweepFile(options, ledger, token));
  log(`soak: seed ${options.seed} (SOAK_SEED replays it), ${options.trials} trials, parallel ${options.parallel}, in ${folder}`);

  const problems: string[] = [];
  let kills = 0;
  let finished = false;
  const run = await cli(['run', join(folder, 'sweep.yaml'), '--detach', '--dir', dir], env);
  if (run.code !== 0) throw new Error(`soak: run --detach exited ${run.code}: ${run.stderr.trim()}`);
  const freezer = freezeAndThaw(token, random, () => !finished && Date.now() < deadline);

  try {
    // Random moments, spread over the launches so that all of them come before the sweep ends;
    // every other kill is aimed at the few ms after a trial folder appears.
    const low = Math.max(1, Math.floor(options.trials * 0.05));
    const high = Math.max(low, Math.floor(options.trials * 0.9));
    const moments = Array.from({ length: options.kills }, () => random.int(low, high)).sort((a, b) => a - b);
    for (const [index, moment] of moments.entries()) {
      await until(() => launched(dir) >= moment || !isAlive(lockPid(dir) ?? -1), deadline - Date.now(), `${moment} launches`);
      if (index % 2 === 1) await nextLaunch(dir, random, 5000);
      else await sleep(random.int(0, 500));
      const pid = lockPid(dir);
      if (pid === undefined || !isAlive(pid)) {
        problems.push(`kill ${index + 1}: no live controller to kill (the sweep ended after ${launched(dir)} launches)`);
        break;
      }
      process.kill(pid, 'SIGKILL');
      kills++;
      await until(() => !isAlive(pid), 5000, `controller ${pid} to die`);
      log(`soak: kill ${kills}: controller ${pid} after ${launched(dir)} launches`);
      const resumed = await cli(['resume', dir, '--detach'], env);
      if (resumed.code !== 0) {
        problems.push(`resume after kill ${kills} exited ${resumed.code}: ${resumed.stderr.trim()}`);
        break;
      }
    }
    const last = lockPid(dir);
    await until(() => last === undefined || !isAlive(last), deadline - Date.now(), 'the sweep to finish');
  } catch (error) {
    problems.push((error as Error).message);
  } finally {
    finished = true;
    await freezer.stop();
  }

  const orphans = new Map<number, FoundProcess>();
  for (const p of [...tokenProcesses(token), ...processesNaming(dir)]) orphans.set(p.pid, p);
  const status = await cli(['status', dir, '--json'], env);
  let recorded: RecordedTrial[] = [];
  try {
    recorded = (JSON.parse(status.stdout) as { trials: RecordedTrial[] }).trials;
  } catch {
    problems.push(`status --json exited ${status.code}: ${status.stderr.trim()}`);
  }
  const figures = audit(readLedger(ledger), recorded, dir, options.trials);
  for (const p of orphans.values()) figures.problems.push(`left running: pid ${p.pid} (group ${p.pgid}, state ${p.state}): ${p.command}`);
  figures.problems.unshift(...problems);
  if (orphans.size > 0 || (existsSync(join(dir, 'controller.lock')) && isAlive(lockPid(dir) ?? -1))) {
    await cli(['stop', dir, '--now'], env);
    for (const p of tokenProcesses(token)) process.kill(p.pid, 'SIGKILL');
  }
  const report: SoakReport = {
    ...figures,
    seed: options.seed,
    kills,
    stopCont: freezer.count(),
    orphans: [...orphans.values()],
    wallS: Math.round((Date.now() - started) / 1000),
    folder,
  };
  if (report.problems.length === 0) rmSync(folder, { recursive: true, force: true });
  return report;
}

/** The figures on one line. */
export function soakLine(report: SoakReport): string {
  return (
    `soak: seed ${report.seed}, trials ${report.trials}, controller kills ${report.kills}, stop/cont ${report.stopCont}, ` +
    `lost ${report.lost}, duplicated ${report.duplicated}, wrong params ${report.wrongParams}, ` +
    `inconsistent ${report.inconsistent}, orphans ${report.orphans.length}, wall ${report.wallS} s`
  );
}
