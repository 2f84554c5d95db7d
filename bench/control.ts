/**
 * Control socket benchmark. The controller runs in a child process (so its CPU time is its own)
 * and serves a fake, engine-like SweepClient holding 10,000 trials (no real trials run: the
 * figures are the socket's, not the trainer's). From this process:
 *   - attach: connect → subscribe → a full mirror of the 10,000-trial snapshot, beside the bare
 *     JSON.stringify + JSON.parse of the same snapshot;
 *   - attach to first frame: a fresh `sweeptop attach DIR` in a pseudo-terminal until its first
 *     frame (goal < 500 ms), and until every trial is in, beside a fresh `node -e 0`;
 *   - round trip of 1,000 pings and 1,000 commands, p50/p99 (goal < 20 ms), beside a bare
 *     line echo over a Unix socket served by the same child;
 *   - controller CPU per second of wall time while 320 metric events/s stream, with 5 subscribed
 *     clients, beside the same stream with none attached.
 *
 *   npx tsx bench/control.ts           10,000 trials
 *   npx tsx bench/control.ts --quick   2,000 trials, shorter windows
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SweepClient } from '../src/engine/client.js';
import type { CommandResult, EngineCommand } from '../src/engine/commands.js';
import { connectToSweep, type RemoteSweep } from '../src/engine/control/client.js';
import { startControlServer } from '../src/engine/control/server.js';
import { EngineEmitter } from '../src/engine/emitter.js';
import type { EngineEventName, EngineEvents, SweepSnapshot, TrialSnapshot } from '../src/engine/events.js';
import { readStat } from '../src/plugin-api/proc.js';
import { holdLock } from '../src/engine/state/controller-lock.js';

const QUICK = process.argv.includes('--quick');
const TRIALS = QUICK ? 2_000 : 10_000;
const ATTACHES = QUICK ? 4 : 8;
const FIRST_FRAMES = QUICK ? 5 : 15;
const ROUND_TRIPS = QUICK ? 300 : 1_000;
const CPU_WINDOW_MS = QUICK ? 2_000 : 5_000;
const EVENTS_PER_SECOND = 320;
const RUNNING = 32;
const CLIENTS = 5;
const TICK_MS = 1000 / 100; // clock ticks of /proc/PID/stat (USER_HZ is 100 on Linux)

// ------------------------------------------------------------------ the controller (child)

/** Looks like the engine from outside: a big snapshot built fresh on each call, events, commands. */
class BenchSweep implements SweepClient {
  private readonly emitter = new EngineEmitter();
  private readonly trials: TrialSnapshot[];
  private readonly dir: string;

  constructor(dir: string, trials: number) {
    this.dir = dir;
    this.trials = Array.from({ length: trials }, (_, id) => makeTrial(dir, id, trials));
  }

  snapshot(): SweepSnapshot {
    return {
      name: 'bench', dir: this.dir, metric: { name: 'val_loss', goal: 'minimize' },
      parameters: [
        { kind: 'float', name: 'lr', low: 1e-5, high: 1e-1, log: true },
        { kind: 'int', name: 'layers', low: 1, high: 8, step: 1, log: false },
        { kind: 'choice', name: 'batch_size', values: [32, 64, 128] },
        { kind: 'choice', name: 'optimizer', values: ['adam', 'sgd'] },
      ],
      sampler: 'random', pruner: 'median', executor: 'local', parallel: RUNNING, trialsTarget: this.trials.length,
      gpus: null, gpusPerTrial: 0, startedAt: 0, finishedAt: null, phase: 'running', stopReason: null, bestTrialId: 3,
      trials: this.trials.map((t) => ({ ...t, lastMetrics: { ...t.lastMetrics }, stderrTail: [...t.stderrTail] })),
    };
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async execute(command: EngineCommand, by: string): Promise<CommandResult> {
    if ('trialId' in command) {
      const trial = this.trials[command.trialId];
      if (!trial) return { ok: false, error: `no trial ${command.trialId} in this sweep` };
      this.emitter.emit('trial:updated', { trial: { ...trial, promoted: true }, previousState: trial.state });
    }
    this.emitter.emit('sweep:intervention', { time: Date.now(), by, command: command.type, trialId: 'trialId' in command ? command.trialId : null });
    return { ok: true };
  }

  /** Metric points of the running trials, as a training loop reports them: `perSecond` in all. */
  stream(perSecond: number): () => void {
    let sent = 0;
    const start = performance.now();
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
      for (; sent < due; sent++) {
        const trialId = this.trials.length - RUNNING + (sent % RUNNING);
        const step = Math.floor(sent / RUNNING);
        const name = ['loss', 'val_loss', 'acc', 'lr'][step % 4];
        this.emitter.emit('trial:metric', { trialId, name, step, value: step % 97 === 0 ? NaN : 1 / (step + 1), time: Date.now(), provisional: false });
      }
    }, 10);
    return () => clearInterval(timer);
  }
}

function makeTrial(dir: string, id: number, total: number): TrialSnapshot {
  const lr = 1e-5 * 10 ** ((id * 7919) % 4000 / 1000);
  const running = id >= total - RUNNING;
  const argv = ['python', 'train.py', '--lr', String(lr), '--layers', String(1 + (id % 8)), '--batch-size', '64', '--optimizer', 'adam', '--epochs', '20'];
  const objective = running ? 0.5 : id % 20 === 0 ? NaN : 0.1 + ((id * 31) % 1000) / 1000;
  return {
    id, attempt: 0, params: { lr, layers: 1 + (id % 8), batch_size: 64, optimizer: 'adam' },
    state: running ? 'running' : id % 3 === 0 ? 'pruned' : 'completed', promoted: false, argv, command: argv.join(' '),
    cwd: '/home/user/project', dir: `${dir}/trials/${id}`, gpus: null, host: null, pid: running ? 100_000 + id : null, pendingReason: null,
    startedAt: 1_700_000_000_000 + id * 1000, endedAt: running ? null : 1_700_000_060_000 + id * 1000, runtimeMs: 60_000,
    exitCode: running ? null : 0, signal: null, reason: id % 3 === 0 && !running ? `pruned at step 5: val_loss ${objective} above median 0.31` : null,
    objective, best: objective, step: 19, steps: 20, lastMetrics: { loss: 0.2, val_loss: objective, acc: 0.9, lr },
    stderrTail: [], pruneThreshold: null,
  };
}

async function serveInChild(dir: string): Promise<void> {
  const sweep = new BenchSweep(dir, TRIALS);
  // held as a controller does, so that `sweeptop attach DIR` accepts this directory
  holdLock(dir);
  const server = await startControlServer(sweep, dir);
  // the baseline round trip: a bare line echo over a Unix socket, in the same process
  const echoPath = join(dir, 'echo.sock');
  createServer((socket) => socket.pipe(socket)).listen(echoPath);
  let stopStream = () => {};
  process.on('message', (message: { stream?: number; stop?: true }) => {
    if (message.stream !== undefined) {
      stopStream();
      stopStream = message.stream > 0 ? sweep.stream(message.stream) : () => {};
      process.send!({ streaming: message.stream });
    }
    if (message.stop) void server.close().then(() => process.exit(0));
  });
  // the bench process may die first (Ctrl-C, a closed pipe): do not outlive it
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, socket: server.path, echoPath });
}

// ------------------------------------------------------------------ the bench (parent)

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

function ask<T>(child: ChildProcess, message: object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: Record<string, unknown>) => {
      if (!(key in reply)) return;
      child.off('message', onMessage);
      resolve(reply as T);
    };
    child.on('message', onMessage);
    if (Object.keys(message).length) child.send(message);
  });
}

async function measureAttach(dir: string): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ATTACHES; i++) {
    const start = performance.now();
    const remote = await connectToSweep(dir);
    times.push(performance.now() - start);
    if (remote.snapshot().trials.length !== TRIALS) throw new Error('incomplete snapshot');
    bytes = JSON.stringify(remote.snapshot()).length;
    remote.close();
  }
  const snapshot = new BenchSweep(dir, TRIALS).snapshot();
  const bare: number[] = [];
  for (let i = 0; i < ATTACHES; i++) {
    const start = performance.now();
    JSON.parse(JSON.stringify(snapshot));
    bare.push(performance.now() - start);
  }
  // the first attach runs cold code on both sides, as a fresh `sweeptop attach` process does
  const [cold, ...warm] = times;
  console.log(`attach: connect → full snapshot of ${TRIALS.toLocaleString('en')} trials (${(bytes / 1e6).toFixed(1)} MB on the wire), ${ATTACHES} attaches`);
  const verdict = (value: number) => (value < 500 ? 'met' : 'MISSED');
  console.log(`  first (cold) ${ms(cold)}; then median ${ms(percentile(warm, 50))}, worst ${ms(Math.max(...warm))}   goal: < 500 ms → cold ${verdict(cold)}, warm ${verdict(percentile(warm, 50))}`);
  console.log(`  baseline: bare JSON.stringify + JSON.parse of it in one process, median ${ms(percentile(bare, 50))} (attach is ${(percentile(warm, 50) / percentile(bare, 50)).toFixed(1)}× that)`);
}

/**
 * What a person waits for: `sweeptop attach DIR` typed in a terminal → its first frame drawn.
 * A fresh process each time (Node start, modules, connect, snapshot, React, layout), in a real
 * pseudo-terminal of 120×35 made by util-linux `script`. The first frame is in when the footer is
 * (a big sweep's first frame shows the first part of the snapshot and says trials are arriving);
 * all trials are in when the header counts the running ones. Beside it, a fresh `node -e 0` (the
 * floor no command can go below).
 */
async function measureFirstFrame(dir: string): Promise<void> {
  const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  const first: number[] = [];
  const whole: number[] = [];
  let arriving = 0;
  for (let i = 0; i < FIRST_FRAMES; i++) {
    const start = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 35; exec ${process.execPath} ${main} attach ${dir}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within 20 s; it printed:\n${seen.slice(-2000)}`)), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
        if (first.length === i && seen.includes('sort id')) {
          first.push(performance.now() - start);
          if (seen.includes('receiving trials')) arriving++;
        }
        if (first.length > i && seen.includes(`running ${RUNNING}`)) {
          whole.push(performance.now() - start);
          clearTimeout(timer);
          resolve();
        }
      });
    });
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const bare: number[] = [];
  for (let i = 0; i < FIRST_FRAMES; i++) {
    const start = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
    bare.push(performance.now() - start);
  }
  console.log(`attach to first frame: a fresh \`sweeptop attach DIR\` in a 120×35 pseudo-terminal, ${FIRST_FRAMES} runs`);
  console.log(`  first frame  median ${ms(percentile(first, 50))}, best ${ms(Math.min(...first))}, worst ${ms(Math.max(...first))}   goal: < 500 ms → ${percentile(first, 50) < 500 ? 'met' : 'MISSED'}`);
  console.log(`               (${arriving} of ${FIRST_FRAMES} drawn from the snapshot's first part, saying trials are still arriving)`);
  console.log(`  all ${TRIALS.toLocaleString('en')} trials in  median ${ms(percentile(whole, 50))}, best ${ms(Math.min(...whole))}`);
  console.log(`  baseline: a fresh \`node -e 0\`, median ${ms(percentile(bare, 50))}`);
}

async function measureRoundTrips(dir: string, echoPath: string): Promise<void> {
  const remote = await connectToSweep(dir);
  const pings: number[] = [];
  const commands: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) pings.push(await remote.ping());
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const start = performance.now();
    const result = await remote.execute({ type: 'promote', trialId: i % TRIALS }, 'bench');
    commands.push(performance.now() - start);
    if (!result.ok) throw new Error(result.error);
  }
  remote.close();
  const echo = await echoRoundTrips(echoPath, ROUND_TRIPS);
  console.log(`round trip, ${ROUND_TRIPS} sequential requests on one subscribed connection`);
  console.log(`  ping     p50 ${ms(percentile(pings, 50))}, p99 ${ms(percentile(pings, 99))}`);
  console.log(`  command  p50 ${ms(percentile(commands, 50))}, p99 ${ms(percentile(commands, 99))} (a promote: result + its 2 events)   goal: < 20 ms → ${percentile(commands, 99) < 20 ? 'met' : 'MISSED'}`);
  console.log(`  baseline: bare line echo over a Unix socket, p50 ${ms(percentile(echo, 50))}, p99 ${ms(percentile(echo, 99))}`);
}

async function echoRoundTrips(path: string, count: number): Promise<number[]> {
  const socket = connect(path);
  await new Promise((resolve) => socket.once('connect', resolve));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      socket.once('data', () => resolve());
      socket.write('{"v":1,"type":"ping","id":1}\n');
    });
    times.push(performance.now() - start);
  }
  socket.destroy();
  return times;
}

/** Controller CPU time (user + system) per second of wall time over one window. */
async function cpuPerSecond(pid: number): Promise<number> {
  const before = readStat(pid)!.cpuTicks;
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, CPU_WINDOW_MS));
  return ((readStat(pid)!.cpuTicks - before) * TICK_MS) / ((performance.now() - start) / 1000);
}

async function measureCpu(child: ChildProcess, dir: string): Promise<void> {
  await ask(child, { stream: EVENTS_PER_SECOND }, 'streaming');
  const alone = await cpuPerSecond(child.pid!);
  const clients: RemoteSweep[] = [];
  for (let i = 0; i < CLIENTS; i++) clients.push(await connectToSweep(dir));
  const counts = clients.map(() => 0);
  clients.forEach((client, i) => client.on('trial:metric', () => counts[i]++));
  const attached = await cpuPerSecond(child.pid!);
  await ask(child, { stream: 0 }, 'streaming');
  for (const client of clients) client.close();
  const rate = Math.min(...counts) / (CPU_WINDOW_MS / 1000);
  console.log(`controller CPU while ${EVENTS_PER_SECOND} metric events/s stream (${CPU_WINDOW_MS / 1000} s windows, 10 ms ticks)`);
  console.log(`  no client           ${alone.toFixed(0).padStart(4)} ms CPU per s`);
  console.log(`  ${CLIENTS} subscribed      ${attached.toFixed(0).padStart(4)} ms CPU per s (+${(attached - alone).toFixed(0)} ms; each client got ≥ ${rate.toFixed(0)} events/s)`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--serve')) return serveInChild(process.argv[process.argv.indexOf('--serve') + 1]);
  const temp = mkdtempSync(join(tmpdir(), 'sweeptop-bench-'));
  const dir = join(temp, 'sweep');
  mkdirSync(dir, { mode: 0o700 });
  const child = fork(fileURLToPath(import.meta.url), ['--serve', dir, ...(QUICK ? ['--quick'] : [])], { stdio: 'inherit' });
  try {
    const { echoPath } = await ask<{ echoPath: string }>(child, {}, 'ready');
    console.log(`control socket, fake engine-like SweepClient with ${TRIALS.toLocaleString('en')} trials served from a child process`);
    console.log(`(load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs: figures stretch on a busy machine)`);
    await measureAttach(dir);
    await measureFirstFrame(dir);
    await measureRoundTrips(dir, echoPath);
    await measureCpu(child, dir);
  } finally {
    child.send({ stop: true });
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
