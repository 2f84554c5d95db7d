/**
 * Control socket benchmark. The controller runs in a child process (bench/control/controller.ts,
 * so its CPU time is its own) and serves a fake, engine-like sweep of 10,000 trials. From this
 * process, each against a baseline, all taking turns once per run:
 *   - attach: connect → subscribe → a full mirror of the snapshot, beside a bare JSON.stringify +
 *     JSON.parse of the same snapshot;
 *   - first frame: a fresh `sweeptop attach DIR` in a pseudo-terminal until its first frame, and
 *     until every trial is in, beside a fresh `node -e 0`;
 *   - round trips of pings and commands, p50/p99, beside a bare line echo over a Unix socket
 *     served by the same child;
 *   - controller CPU per second of wall time while 320 metric events/s stream to 5 subscribed
 *     clients, beside the same stream with none attached.
 * `--quick`: 2,000 trials, fewer repeats, shorter windows. Needs `npm run build` (the attach command).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectToSweep, type RemoteSweep } from '../src/engine/control/client.js';
import { readStat } from '../src/plugin-api/proc.js';
import { BenchSweep, RUNNING } from './control/fake-sweep.js';
import { interleave, pick } from './lib/interleave.js';
import { Bench } from './lib/record.js';
import { median, percentile } from './lib/stats.js';

const bench = new Bench('control');
const QUICK = bench.options.quick;
const TRIALS = QUICK ? 2_000 : 10_000;
/** Attaches per run; the first of each run is a warm-up and is not counted. */
const ATTACHES = QUICK ? 4 : 8;
const FIRST_FRAMES = QUICK ? 5 : 15;
const ROUND_TRIPS = QUICK ? 300 : 1_000;
const CPU_WINDOW_MS = QUICK ? 2_000 : 5_000;
const EVENTS_PER_SECOND = 320;
const CLIENTS = 5;
const TICK_MS = 1000 / 100; // clock ticks of /proc/PID/stat (USER_HZ is 100 on Linux)

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

/** Median time of an in-process attach (connect, subscribe, the whole snapshot), after one warm-up. */
async function attachMs(dir: string): Promise<{ ms: number; megabytes: number }> {
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
  return { ms: median(times.slice(1)), megabytes: bytes / 1e6 };
}

/** The baseline of attach: the same snapshot through JSON.stringify and JSON.parse, no socket. */
function bareJsonMs(dir: string): { ms: number } {
  const snapshot = new BenchSweep(dir, TRIALS).snapshot();
  const times: number[] = [];
  for (let i = 0; i < ATTACHES; i++) {
    const start = performance.now();
    JSON.parse(JSON.stringify(snapshot));
    times.push(performance.now() - start);
  }
  return { ms: median(times.slice(1)) };
}

/**
 * What a person waits for: `sweeptop attach DIR` typed in a terminal → its first frame drawn.
 * A fresh process each time (Node start, modules, connect, snapshot, React, layout), in a real
 * pseudo-terminal of 120×35 made by util-linux `script`. The first frame is in when the footer is
 * (a big sweep's first frame shows the first part of the snapshot and says trials are arriving);
 * all trials are in when the header counts the running ones. Medians of FIRST_FRAMES launches.
 */
async function firstFrameMs(dir: string): Promise<{ firstFrame: number; allTrials: number; fromFirstPart: number }> {
  const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  const first: number[] = [];
  const whole: number[] = [];
  let arriving = 0;
  for (let i = 0; i < FIRST_FRAMES; i++) {
    const start = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 35; exec ${process.execPath} ${main} attach ${dir}`, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true,
    });
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
  return { firstFrame: median(first), allTrials: median(whole), fromFirstPart: arriving };
}

/** The floor of any fresh command: a `node -e 0`, median of FIRST_FRAMES launches. */
async function bareNodeMs(): Promise<{ ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < FIRST_FRAMES; i++) {
    const start = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
    times.push(performance.now() - start);
  }
  return { ms: median(times) };
}

/** p50/p99 of sequential pings, then of commands (a promote: its result and its 2 events), on one subscribed connection. */
async function roundTrips(dir: string) {
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
  return {
    pingP50: percentile(pings, 50),
    pingP99: percentile(pings, 99),
    commandP50: percentile(commands, 50),
    commandP99: percentile(commands, 99),
  };
}

/** The baseline round trip: a line echoed by a bare Unix socket server in the controller's process. */
async function echoRoundTrips(path: string) {
  const socket = connect(path);
  await new Promise((resolve) => socket.once('connect', resolve));
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      socket.once('data', () => resolve());
      socket.write('{"v":1,"type":"ping","id":1}\n');
    });
    times.push(performance.now() - start);
  }
  socket.destroy();
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Controller CPU time (user + system) per second of wall time over one window. */
async function cpuPerSecond(pid: number): Promise<number> {
  const before = readStat(pid)!.cpuTicks;
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, CPU_WINDOW_MS));
  return ((readStat(pid)!.cpuTicks - before) * TICK_MS) / ((performance.now() - start) / 1000);
}

/** Controller CPU while the metric stream flows, with `clients` subscribed connections. */
async function controllerCpu(child: ChildProcess, dir: string, clients: number) {
  await ask(child, { stream: EVENTS_PER_SECOND }, 'streaming');
  const remotes: RemoteSweep[] = [];
  for (let i = 0; i < clients; i++) remotes.push(await connectToSweep(dir));
  const counts = remotes.map(() => 0);
  remotes.forEach((remote, i) => remote.on('trial:metric', () => counts[i]++));
  const msPerSecond = await cpuPerSecond(child.pid!);
  await ask(child, { stream: 0 }, 'streaming');
  for (const remote of remotes) remote.close();
  return { msPerSecond, slowestClientEventsPerSecond: clients ? Math.min(...counts) / (CPU_WINDOW_MS / 1000) : NaN };
}

/** What one run measures, in the order the arms take turns. */
function arms(child: ChildProcess, dir: string, echoPath: string) {
  return {
    bareJson: () => bareJsonMs(dir),
    attach: () => attachMs(dir),
    bareNode: () => bareNodeMs(),
    firstFrame: () => firstFrameMs(dir),
    echo: () => echoRoundTrips(echoPath),
    roundTrips: () => roundTrips(dir),
    cpuAlone: () => controllerCpu(child, dir, 0),
    cpuAttached: () => controllerCpu(child, dir, CLIENTS),
  };
}
type Runs = Awaited<ReturnType<typeof interleave<ReturnType<typeof arms>>>>;

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'sweeptop-bench-'));
  const dir = join(temp, 'sweep');
  mkdirSync(dir, { mode: 0o700 });
  const controller = fileURLToPath(new URL('./control/controller.ts', import.meta.url));
  const child = fork(controller, [dir, String(TRIALS)], { stdio: 'inherit' });
  try {
    const { echoPath } = await ask<{ echoPath: string }>(child, {}, 'ready');
    report(await interleave(bench.options.runs, arms(child, dir, echoPath)));
  } finally {
    child.send({ stop: true });
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(temp, { recursive: true, force: true });
  }
}

function report(runs: Runs): void {
  const trials = TRIALS.toLocaleString('en');
  const megabytes = Math.max(...pick(runs.attach, 'megabytes')).toFixed(1);
  const fromFirstPart = pick(runs.firstFrame, 'fromFirstPart').reduce((a, b) => a + b, 0);
  const slowest = Math.min(...pick(runs.cpuAttached, 'slowestClientEventsPerSecond'));
  const node = { label: 'fresh `node -e 0`', values: pick(runs.bareNode, 'ms') };
  const echo = (key: 'p50' | 'p99') => ({ label: 'bare line echo', values: pick(runs.echo, key) });
  bench.finish({
    method:
      `A fake sweep of ${trials} trials (a ${megabytes} MB snapshot) served by a child process. One run: ${ATTACHES} in-process attaches ` +
      `(the first a warm-up) and as many bare JSON round trips; ${FIRST_FRAMES} fresh \`sweeptop attach\` launches in a 120×35 ` +
      `pseudo-terminal and as many \`node -e 0\`; ${ROUND_TRIPS.toLocaleString('en')} pings, as many commands and as many bare echoes; ` +
      `${CPU_WINDOW_MS / 1000} s of controller CPU with ${EVENTS_PER_SECOND} metric events/s and no client, then with ${CLIENTS} clients. ` +
      'Each medians (or percentiles) its own repeats; they take turns, run by run.',
    figures: [
      {
        label: `attach in-process: connect → whole snapshot, ${trials} trials (median)`,
        unit: 'ms',
        values: pick(runs.attach, 'ms'),
        baseline: { label: 'bare JSON.stringify + JSON.parse', values: pick(runs.bareJson, 'ms') },
        goal: { of: 'value', op: '<', limit: 500 },
      },
      {
        label: 'fresh `sweeptop attach DIR` → first frame (median)',
        unit: 'ms',
        values: pick(runs.firstFrame, 'firstFrame'),
        baseline: node,
        goal: { of: 'value', op: '<', limit: 500 },
      },
      {
        label: `fresh \`sweeptop attach DIR\` → all ${trials} trials in (median)`,
        unit: 'ms',
        values: pick(runs.firstFrame, 'allTrials'),
        baseline: node,
      },
      { label: 'ping round trip, p50', unit: 'ms', values: pick(runs.roundTrips, 'pingP50'), baseline: echo('p50') },
      { label: 'ping round trip, p99', unit: 'ms', values: pick(runs.roundTrips, 'pingP99'), baseline: echo('p99') },
      { label: 'command round trip (promote), p50', unit: 'ms', values: pick(runs.roundTrips, 'commandP50'), baseline: echo('p50') },
      {
        label: 'command round trip (promote), p99',
        unit: 'ms',
        values: pick(runs.roundTrips, 'commandP99'),
        baseline: echo('p99'),
        goal: { of: 'value', op: '<', limit: 20 },
      },
      {
        label: `controller CPU, ${EVENTS_PER_SECOND} metric events/s, ${CLIENTS} clients subscribed`,
        unit: 'ms/s',
        values: pick(runs.cpuAttached, 'msPerSecond'),
        baseline: { label: 'no client', values: pick(runs.cpuAlone, 'msPerSecond') },
      },
    ],
    notes: [
      `${fromFirstPart} of the ${FIRST_FRAMES * bench.options.runs} first frames were drawn from the snapshot's first part, saying trials were still arriving; ` +
        `the slowest subscribed client received ${Math.round(slowest)} metric events/s.`,
    ],
  });
}

await main();
