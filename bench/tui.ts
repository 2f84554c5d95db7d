/**
 * The TUI's cost on the wire and on the CPU. Drives the real Ink app (App + ViewStore + output
 * proxy, composed as src/ui/start.tsx does) with a fake client into a fake 120×35 TTY that counts
 * bytes, and measures:
 *   1. 32 running trials × 10 metric lines/s: bytes/s at steady state and CPU time per frame,
 *      against Ink's default full redraw (whole frames sent as Ink writes them) with the same
 *      batching but no byte budget;
 *   2. frame time with 10,000 trials loaded, against the same with 100 trials;
 *   3. key press → updated frame latency, 10,000 trials against 100;
 *   4. frame time with 10,000 trials and the analysis view open (`a`) while the importance worker
 *      (dist/, so build first) fits its forest, against the table view at 10,000 trials in the same
 *      round; and how long the worker takes to answer for those trials.
 * Ink is loaded as the TUI bundle has it (lib/as-bundled.mjs: fast-string-width, and the caches a
 * frame hands to the next, scripts/ink-frame-edits.mjs), so the figures are those of the code a
 * user runs. Every measurement takes its turn once per run. `--quick` measures shorter windows. Ink draws
 * nothing under CI=true, so CI is unset here.
 *
 * `--against REV` (a commit, branch or tag) checks that revision out beside this tree and measures
 * the steady state (1.) of both trees in turn, each in a process of its own (tui/steady-once.ts):
 * the bytes this tree's screen costs against the revision's, in the same run and machine load.
 */
import { spawnSync } from 'node:child_process';
import { register } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

if (process.env.CI !== undefined && process.env.CI !== '0' && process.env.CI !== 'false') {
  const env = { ...process.env };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    env,
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}
// React picks its build when first loaded (see src/ui/start.tsx): measure the production one.
process.env.NODE_ENV = 'production';
const bundled = new MessageChannel();
register('./lib/as-bundled.mjs', { parentURL: import.meta.url, data: { port: bundled.port2 }, transferList: [bundled.port2] });
const applied = new Set<string>();
bundled.port1.on('message', (m: { alias?: string; edit?: number }) => applied.add(m.alias ?? `edit ${m.edit}`));
bundled.port1.unref();

const { createElement } = await import('react');
const { render } = await import('ink');
{
  const { INK_FRAME_EDITS, STRING_WIDTH_ALIAS } = await import('../scripts/ink-frame-edits.mjs');
  const expected = [...Object.keys(STRING_WIDTH_ALIAS), ...INK_FRAME_EDITS.map((_, i) => `edit ${i}`)];
  await new Promise((r) => setTimeout(r, 100));
  const missing = expected.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    console.error(
      `Ink was loaded without the bundle's changes (${missing.join(', ')}): the figures would not be the TUI's; see bench/lib/as-bundled.mjs`,
    );
    process.exit(1);
  }
}
const { App } = await import('../src/ui/components/App.js');
const { initialSweepView } = await import('../src/ui/state/sweep-reducer.js');
const { initialUiState } = await import('../src/ui/state/ui-state.js');
const { ViewStore } = await import('../src/ui/state/view-store.js');
const { createOutputProxy } = await import('../src/ui/terminal/output-proxy.js');
const { TerminalSizeSource } = await import('../src/ui/terminal/terminal-size.js');
const { colourTheme } = await import('../src/ui/theme/theme.js');
const { workerImportanceSource } = await import('../src/ui/analysis/importance-source.js');
type ImportanceSource = import('../src/ui/analysis/importance-source.js').ImportanceSource;
const { FakeClient, makeSnapshot } = await import('../test/ui/fake-client.js');
const { seedSweep, simulate } = await import('../test/ui/simulate.js');
const { FakeStdin } = await import('../test/ui/fake-stdin.js');
const { ScreenEmulator } = await import('../test/ui/screen-emulator.js');
type EngineEventRecord = import('../src/ui/state/sweep-view.js').EngineEventRecord;
const { ENGINE_EVENT_NAMES } = await import('../src/engine/events.js');
const { interleave, pick } = await import('./lib/interleave.js');
const { Bench } = await import('./lib/record.js');
const { percentile } = await import('./lib/stats.js');
const { stringOption } = await import('./lib/options.js');
const { checkOut, ROOT } = await import('./lib/revision.js');
const { dirname, join } = await import('node:path');
const { copyFileSync, existsSync, mkdirSync } = await import('node:fs');

const bench = new Bench('tui');
const IMPORTANCE_WORKER = join(ROOT, 'dist', 'src', 'ui', 'analysis', 'importance-worker.js');
if (!existsSync(IMPORTANCE_WORKER)) {
  console.error(`the importance worker is not built (${IMPORTANCE_WORKER}): run npm run build first`);
  process.exit(1);
}
const quick = bench.options.quick;
const presses = quick ? 15 : 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EVENTS = ENGINE_EVENT_NAMES;

/** A 120×35 terminal that counts what it is sent and when. */
class FakeTty extends Writable {
  isTTY = true;
  columns = 120;
  rows = 35;
  bytes = 0;
  writes: { time: number; text: string }[] = [];
  keepText = false;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    if (this.keepText) this.writes.push({ time: performance.now(), text: chunk.toString() });
    callback();
  }
}

interface Mounted {
  tty: FakeTty;
  stdin: InstanceType<typeof FakeStdin>;
  store: InstanceType<typeof ViewStore>;
  frames: number;
  /** Data-commit → frame-written times, ms. */
  frameTimes: number[];
  stop(): void;
}

function mount(client: InstanceType<typeof FakeClient>, options: { ours: boolean; importances?: ImportanceSource }): Mounted {
  const tty = new FakeTty();
  const stdin = new FakeStdin();
  const stdout = tty as unknown as NodeJS.WriteStream;
  const size = new TerminalSizeSource(stdout);
  const output = createOutputProxy(stdout, {
    fullRepaint: size.needsFullRepaint,
    repainted: size.repainted,
    diffFrames: options.ours,
  });
  const store = new ViewStore(
    { sweep: initialSweepView(client.snapshot(), Date.now()), ui: initialUiState },
    { bytesWritten: options.ours ? output.bytes : undefined },
  );
  const unsubscribes = EVENTS.map((name) => client.on(name, (payload) => store.push({ name, payload } as EngineEventRecord)));
  const mounted: Mounted = { tty, stdin, store, frames: 0, frameTimes: [], stop: () => {} };
  // The first listener: when the store commits, the frame is due; Ink writes it after React renders.
  let committedAt: number | null = null;
  store.subscribe(() => (committedAt ??= performance.now()));
  const app = createElement(App, {
    store,
    client,
    readLog: async () => '',
    size,
    theme: colourTheme,
    importances: options.importances,
    onExit: () => {},
  });
  const instance = render(app, {
    stdout: output.stream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    // ours: whole frames, which the output proxy turns into the cells that changed (as src/ui/mount.tsx)
    incrementalRendering: false,
    maxFps: 60,
    onRender: () => {
      mounted.frames++;
      if (committedAt !== null) mounted.frameTimes.push(performance.now() - committedAt);
      committedAt = null;
    },
  });
  mounted.stop = () => {
    instance.unmount();
    for (const u of unsubscribes) u();
    store.dispose();
    size.dispose();
  };
  return mounted;
}

function liveSweep(trials: number, running: number, finished: number) {
  const client = new FakeClient(makeSnapshot({ parallel: running, trialsTarget: trials }), { engine: true });
  seedSweep(client, { trials, parallel: running, linesPerSecond: 10, steps: 1e9, finished });
  return client;
}

/** CPU the fake engine itself spends producing the events (no UI listening), ms a second. */
async function engineCpu(): Promise<number> {
  const client = liveSweep(64, 32, 0);
  const stopSimulation = simulate(client, { trials: 64, parallel: 32, linesPerSecond: 10, steps: 1e9 });
  await sleep(500);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(quick ? 2000 : 5000);
  const cpu = process.cpuUsage(cpu0);
  stopSimulation();
  return (cpu.user + cpu.system) / 1000 / ((performance.now() - t0) / 1000);
}

/** Steady state of 32 running trials × 10 lines/s: bytes/s, frames/s, CPU ms per frame. */
async function steadyState(ours: boolean, engineMsPerSecond: number) {
  const client = liveSweep(64, 32, 0);
  const stopSimulation = simulate(client, { trials: 64, parallel: 32, linesPerSecond: 10, steps: 1e9 });
  const app = mount(client, { ours });
  await sleep(quick ? 1500 : 3000);
  const bytes0 = app.tty.bytes;
  const frames0 = app.frames;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(quick ? 4000 : 10_000);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const frames = app.frames - frames0;
  stopSimulation();
  app.stop();
  // The UI's share: everything but what the fake engine costs on its own.
  const uiMs = (cpu.user + cpu.system) / 1000 - engineMsPerSecond * seconds;
  return {
    bytesPerSecond: (app.tty.bytes - bytes0) / seconds,
    framesPerSecond: frames / seconds,
    cpuMsPerFrame: uiMs / Math.max(1, frames),
    cpuPercent: (uiMs / 1000 / seconds) * 100,
  };
}

/**
 * Frame time with `trials` trials loaded, 32 of them running: a batch of 32 metric reports is
 * committed, and the time is taken when Ink has written the frame — 60 frames back to back, no
 * timers in between. Then key-press → frame latency with data flowing.
 */
async function frameTime(trials: number) {
  const client = liveSweep(trials, 32, trials - 64);
  const app = mount(client, { ours: true });
  // every write from the first frame on: the key presses read the screen they leave
  app.tty.keepText = true;
  const running = client.state.trials.filter((t) => t.state === 'queued').slice(0, 32);
  for (const t of running) client.update(t.id, { state: 'running', startedAt: Date.now(), pid: 1 });
  // The cursor on the first running trial: its rows and its plot are on screen.
  const first = running[0].id;
  app.store.updateUi((s) => ({ ...s.ui, cursorId: first }));
  await sleep(500);
  const { times, cpuTimes } = await commitFrames(app, client, running);

  // Key press → frame: 'j' moves the cursor one row; the frame is in when the cursor is written on
  // another trial (the rows are in the default order, running first, not by id).
  const stopSimulation = simulate(client, { trials, parallel: 32, linesPerSecond: 10, steps: 1e9 });
  await sleep(500);
  const latencies: number[] = [];
  let at = first;
  // Only changed cells are written, so the cursor's row is read off the screen the writes leave.
  const screen = new ScreenEmulator(app.tty.columns, app.tty.rows);
  const moved = (write: { text: string }) => {
    screen.write(write.text);
    const id = screen
      .text()
      .map((line) => /^›\s+(\d+) /.exec(line)?.[1])
      .find((found) => found !== undefined);
    return id !== undefined && Number(id) !== at ? Number(id) : null;
  };
  for (let i = 1; i <= presses; i++) {
    for (const w of app.tty.writes) screen.write(w.text);
    app.tty.writes.length = 0;
    const pressed = performance.now();
    app.stdin.type('j');
    const end = pressed + 1000;
    let seen = 0;
    let hit: { time: number; id: number } | null = null;
    while (performance.now() < end && hit === null) {
      await sleep(1);
      for (; seen < app.tty.writes.length && hit === null; seen++) {
        const id = moved(app.tty.writes[seen]);
        if (id !== null) hit = { time: app.tty.writes[seen].time, id };
      }
    }
    for (; seen < app.tty.writes.length; seen++) screen.write(app.tty.writes[seen].text);
    app.tty.writes.length = 0;
    if (hit) {
      latencies.push(hit.time - pressed);
      at = hit.id;
    }
    await sleep(30);
  }
  stopSimulation();
  app.stop();
  latencies.sort((a, b) => a - b);
  return {
    min: times[0],
    median: percentile(times, 50),
    p95: percentile(times, 95),
    cpu: percentile(cpuTimes, 50),
    frames: times.length,
    keyMedian: percentile(latencies, 50),
    keyP95: percentile(latencies, 95),
    keys: latencies.length,
  };
}

/**
 * `quick ? 30 : 60` frames back to back: a batch of one metric report per running trial is
 * committed, and the time is taken when Ink has rendered the frame. `during` is asked before each
 * frame (e.g. whether the importance worker is still computing). Times sorted, ms.
 */
async function commitFrames(
  app: Mounted,
  client: InstanceType<typeof FakeClient>,
  running: readonly { id: number }[],
  during: () => boolean = () => true,
) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let framesDuring = 0;
  for (let frame = 0; frame < (quick ? 30 : 60); frame++) {
    if (during()) framesDuring++;
    for (const t of running) {
      client.emit('trial:metric', {
        trialId: t.id,
        name: 'val_loss',
        step: frame,
        value: 1 / (frame + 1 + t.id),
        time: 0,
        provisional: false,
      });
    }
    const rendered = app.frames;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    app.store.flush();
    // Ink's render ends the frame (it writes right after, in the same tick): a screen whose text
    // did not change (the analysis view, whose points are the finished trials) writes nothing.
    while (app.frames === rendered && performance.now() - t0 < 1000) await new Promise((r) => setImmediate(r));
    times.push(performance.now() - t0);
    // CPU time barely depends on how busy the machine is; wall time does.
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    await sleep(20);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return { times, cpuTimes, framesDuring };
}

/** The importance worker as the TUI starts it, watched: whether a request is in flight, and how long the last took. */
function watchedImportanceWorker() {
  const worker = workerImportanceSource(IMPORTANCE_WORKER);
  const watched = { busy: false, seconds: Number.NaN, answered: Promise.resolve() as Promise<unknown> };
  const source: ImportanceSource = {
    compute(trials, space) {
      watched.busy = true;
      const asked = performance.now();
      const answer = worker.compute(trials, space).finally(() => {
        watched.busy = false;
        watched.seconds = (performance.now() - asked) / 1000;
      });
      watched.answered = answer.catch(() => {});
      return answer;
    },
    dispose: () => worker.dispose(),
  };
  return { watched, source };
}

/**
 * Frame time with `trials` trials loaded and the analysis view open (`a`): the frames are taken
 * from the moment the view has asked the worker for importances, so they are drawn while its
 * forest is being fitted on the other core (the cost the view must not pass on to the screen).
 * Then waits for the answer: how long the worker took, with the frames running beside it.
 */
async function analysisFrameTime(trials: number) {
  const { watched, source } = watchedImportanceWorker();
  const client = liveSweep(trials, 32, trials - 64);
  const app = mount(client, { ours: true, importances: source });
  const running = client.state.trials.filter((t) => t.state === 'queued').slice(0, 32);
  for (const t of running) client.update(t.id, { state: 'running', startedAt: Date.now(), pid: 1 });
  await sleep(500);
  app.stdin.type('a');
  const asked = performance.now();
  while (!watched.busy && performance.now() - asked < 5000) await sleep(5);
  if (!watched.busy) throw new Error('the analysis view did not ask the importance worker within 5 s');
  const { times, framesDuring } = await commitFrames(app, client, running, () => watched.busy);
  await watched.answered;
  app.stop();
  source.dispose();
  if (!Number.isFinite(watched.seconds)) throw new Error('the importance worker did not answer');
  return {
    median: percentile(times, 50),
    p95: percentile(times, 95),
    framesDuring,
    frames: times.length,
    workerSeconds: watched.seconds,
  };
}

/**
 * The steady state of the tree at `root`, in a process of its own (see tui/steady-once.ts). The
 * script runs from inside that tree: run from this one, its Ink and the other tree's App were two
 * instances (through the checkout's node_modules link) and the other tree drew nothing.
 */
function steadyOnce(root: string) {
  const script = join(root, 'bench', 'tui', 'steady-once.ts');
  if (root !== ROOT) {
    mkdirSync(dirname(script), { recursive: true });
    copyFileSync(join(ROOT, 'bench', 'tui', 'steady-once.ts'), script);
  }
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, root, String(quick ? 4 : 10)], { encoding: 'utf8', cwd: root });
  if (child.status !== 0) throw new Error(`the TUI of ${root} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.split('\n')[0]) as { bytesPerSecond: number; framesPerSecond: number; cpuMsPerFrame: number };
}

const against = stringOption(process.argv, '--against');
const revision = against === undefined ? undefined : checkOut(against);
// The fake engine's own CPU is measured in each run and taken out of that run's UI figures.
let engineMsPerSecond = 0;
const runs = await (async () => {
  try {
    return await interleave(bench.options.runs, {
      engine: async () => ({ msPerSecond: (engineMsPerSecond = await engineCpu()) }),
      ours: () => steadyState(true, engineMsPerSecond),
      fullRedraw: () => steadyState(false, engineMsPerSecond),
      trials10k: () => frameTime(10_000),
      analysis10k: () => analysisFrameTime(10_000),
      trials100: () => frameTime(100),
      ...(revision ? { hereAlone: () => steadyOnce(ROOT), thereAlone: () => steadyOnce(revision.dir) } : {}),
    });
  } finally {
    revision?.remove();
  }
})();
const compared =
  revision && runs.hereAlone && runs.thereAlone
    ? [
        {
          label: `steady state: bytes to the terminal, this tree against ${revision.commit} (${against})`,
          unit: 'KB/s',
          values: pick(runs.hereAlone, 'bytesPerSecond').map((b) => b / 1024),
          baseline: { label: revision.commit, values: pick(runs.thereAlone, 'bytesPerSecond').map((b) => b / 1024) },
          goal: { of: 'ratio' as const, op: '≤' as const, limit: 1.05 },
        },
        {
          label: `steady state: CPU per frame, this tree against ${revision.commit}`,
          unit: 'ms',
          values: pick(runs.hereAlone, 'cpuMsPerFrame'),
          baseline: { label: revision.commit, values: pick(runs.thereAlone, 'cpuMsPerFrame') },
        },
      ]
    : [];

const missedKeys = [...runs.trials10k, ...runs.trials100].reduce((missed, run) => missed + presses - run.keys, 0);
const fullRedraw = (key: keyof (typeof runs.fullRedraw)[number]) => ({ label: 'Ink full redraw', values: pick(runs.fullRedraw, key) });
const hundred = (key: keyof (typeof runs.trials100)[number]) => ({ label: '100 trials', values: pick(runs.trials100, key) });
const tenThousand = (key: keyof (typeof runs.trials10k)[number]) => pick(runs.trials10k, key);
const tableAt10k = (key: keyof (typeof runs.trials10k)[number]) => ({
  label: 'table view, 10,000 trials',
  values: pick(runs.trials10k, key),
});
const analysisFrames = runs.analysis10k.reduce((sum, run) => sum + run.frames, 0);
const analysisFramesDuring = runs.analysis10k.reduce((sum, run) => sum + run.framesDuring, 0);
bench.finish({
  method:
    `One run: the fake engine's own CPU alone; ${quick ? 4 : 10} s of steady state with sweeptop's renderer, then with Ink's full redraw; ` +
    `${quick ? 30 : 60} frames and ${presses} key presses with 10,000 trials loaded; the same frames with the analysis view open, taken from the moment it asks the importance worker (a thread of its own); ` +
    `then the frames and key presses with 100 trials. They take turns in that order, run by run.` +
    (revision
      ? ` Then the steady state again, this tree's and ${revision.commit}'s (checked out beside it), each in a process of its own, CPU per frame there including the fake engine's.`
      : ''),
  figures: [
    {
      label: 'steady state, 32 trials × 10 lines/s: bytes to the terminal',
      unit: 'KB/s',
      values: pick(runs.ours, 'bytesPerSecond').map((b) => b / 1024),
      baseline: { label: 'Ink full redraw', values: pick(runs.fullRedraw, 'bytesPerSecond').map((b) => b / 1024) },
      goal: { of: 'value', op: '<', limit: 5 },
    },
    {
      label: 'steady state: frames',
      unit: 'frames/s',
      values: pick(runs.ours, 'framesPerSecond'),
      baseline: fullRedraw('framesPerSecond'),
    },
    {
      label: 'steady state: UI CPU per frame',
      unit: 'ms',
      values: pick(runs.ours, 'cpuMsPerFrame'),
      baseline: fullRedraw('cpuMsPerFrame'),
    },
    {
      label: 'steady state: UI CPU, share of a core (fake engine excluded)',
      unit: '%',
      values: pick(runs.ours, 'cpuPercent'),
      baseline: fullRedraw('cpuPercent'),
    },
    {
      label: 'frame time (data commit → frame written), 10,000 trials: median',
      unit: 'ms',
      values: tenThousand('median'),
      baseline: hundred('median'),
      goal: { of: 'value', op: '<', limit: 16 },
    },
    {
      label: 'frame time, 10,000 trials: p95',
      unit: 'ms',
      values: tenThousand('p95'),
      baseline: hundred('p95'),
      goal: { of: 'value', op: '<', limit: 33 },
    },
    { label: 'frame CPU time, 10,000 trials: median', unit: 'ms', values: tenThousand('cpu'), baseline: hundred('cpu') },
    {
      label: 'frame time, 10,000 trials, analysis view open while the importance worker computes: median',
      unit: 'ms',
      values: pick(runs.analysis10k, 'median'),
      baseline: tableAt10k('median'),
      goal: { of: 'ratio', op: '≤', limit: 1.1 },
    },
    {
      label: 'frame time, 10,000 trials, analysis view open while the importance worker computes: p95',
      unit: 'ms',
      values: pick(runs.analysis10k, 'p95'),
      baseline: tableAt10k('p95'),
      goal: { of: 'ratio', op: '≤', limit: 1.1 },
    },
    {
      label: 'importance worker: asked → importances, 10,000 trials (frames drawn beside it)',
      unit: 's',
      values: pick(runs.analysis10k, 'workerSeconds'),
    },
    {
      label: 'key press (`j`) → updated frame, 10,000 trials: median',
      unit: 'ms',
      values: tenThousand('keyMedian'),
      baseline: hundred('keyMedian'),
      goal: { of: 'value', op: '<', limit: 50 },
    },
    {
      label: 'key press → updated frame, 10,000 trials: p95',
      unit: 'ms',
      values: tenThousand('keyP95'),
      baseline: hundred('keyP95'),
      goal: { of: 'value', op: '<', limit: 50 },
    },
    { label: 'the fake engine alone (taken out of the UI figures)', unit: 'ms CPU/s', values: pick(runs.engine, 'msPerSecond') },
    ...compared,
  ],
  notes: [
    `Of the ${analysisFrames} frames with the analysis view open, ${analysisFramesDuring} were drawn while the importance worker was still computing.`,
    ...(missedKeys ? [`${missedKeys} key presses drew no updated frame within 1 s and are left out of the key figures.`] : []),
  ],
});
process.exit(0);
