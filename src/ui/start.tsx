/**
 * The TUI's entry point, loaded by the CLI with a dynamic import() so that `sweeptop --version`
 * never loads React or Ink. This module itself imports neither. The built package loads the
 * bundle `dist/ui.cjs` (scripts/bundle-ui.mjs: the components, Ink and React's production build
 * in one file, several times faster to load). Run from source (tests), it imports ./mount.js
 * instead: React chooses its build from NODE_ENV when first loaded, and the development build is
 * 1.5–4× slower, so it sets NODE_ENV=production for that import and puts it back — trials the
 * engine launches later inherit the user's environment, not ours.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SweepClient } from '../engine/client.js';
import { ENGINE_EVENT_NAMES } from '../engine/events.js';
import { ResourceMonitor } from '../engine/resources/monitor.js';
import { resourceGroups } from './state/resource-groups.js';
import type { ResourceSample } from '../engine/resources/types.js';
import { workerImportanceSource } from './analysis/importance-source.js';
import { fileLogReader, outputDirOf, type ReadLog } from './data/log-source.js';
import { TerminalSizeSource } from './terminal/terminal-size.js';
import { initialSweepView } from './state/sweep-reducer.js';
import type { EngineEventRecord } from './state/sweep-view.js';
import { initialUiState, type TuiExit } from './state/ui-state.js';
import { ViewStore } from './state/view-store.js';
import { captureConsole } from './terminal/console-capture.js';
import { createOutputProxy } from './terminal/output-proxy.js';
import { installRestoreGuards } from './terminal/guards.js';
import { Screen } from './terminal/screen.js';
import { themeFor } from './theme/theme.js';

export interface TuiOptions {
  /** @default process.stdout */
  stdout?: NodeJS.WriteStream;
  /** @default process.stdin */
  stdin?: NodeJS.ReadStream;
  /** A trial's earlier output. @default reads `<trial dir>/stdout.log` / `stderr.log` */
  readLog?: (trialId: number, stream: 'stdout' | 'stderr') => Promise<string>;
  /** GPU and process sampling. @default a ResourceMonitor every 2 s; `false` turns it off */
  resources?: false | { intervalMs?: number; nvidiaSmi?: string };
  /**
   * The sweep runs in a controller elsewhere (`sweeptop attach`, or `run` with a detached
   * controller): `q` detaches and resolves 'quit', leaving the sweep running; `Q` stops it.
   * @default false: `q` asks to stop the sweep, then quits
   */
  detachable?: boolean;
  /**
   * Only watches a sweep started elsewhere (`sweeptop attach`): Ctrl-C leaves, as `q` does. The
   * TUI that started the sweep asks instead. @default false
   */
  viewer?: boolean;
  /** Shown on the status line at start (e.g. which of several sweeps this is). */
  notice?: string;
  /**
   * Nothing runs the sweep (`sweeptop attach` on a finished or dead one): keys that would act on
   * it answer with this line (why not, and how to run it again). @default undefined: it runs
   */
  readOnly?: string;
}

export async function startTui(client: SweepClient, options: TuiOptions = {}): Promise<{ reason: TuiExit }> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  // Created before Ink's render(), so its 'resize' listener runs before Ink's.
  const size = new TerminalSizeSource(stdout);
  const output = createOutputProxy(stdout, {
    fullRepaint: size.needsFullRepaint,
    repainted: size.repainted,
    diffFrames: true,
  });
  const screen = new Screen(stdout, stdin);

  const store = new ViewStore(
    { sweep: initialSweepView(client.snapshot(), Date.now()), ui: initialUiState },
    { bytesWritten: output.bytes },
  );
  const unsubscribes = ENGINE_EVENT_NAMES.map((name) => client.on(name, (payload) => store.push({ name, payload } as EngineEventRecord)));
  if (options.notice) {
    const text = options.notice;
    store.updateUi((s) => ({ ...s.ui, status: { time: Date.now(), level: 'info', text } }));
  }
  const stopWatching = client.onDisconnected?.((reason) => store.disconnect(reason));
  const stopProgress = client.onSnapshotProgress?.((progress) => store.setArriving(progress));
  const readLog: ReadLog =
    options.readLog ??
    fileLogReader((id) => {
      const trial = store.getState().sweep.trials.get(id)?.snapshot;
      return trial && outputDirOf(trial);
    });

  const importances = workerImportanceSource(IMPORTANCE_WORKER);
  let instance: { unmount(): void } | undefined;
  let resources: ReturnType<typeof createFeed> | undefined;
  let firstSample: NodeJS.Timeout | undefined;
  let removeGuards = () => {};
  let releaseConsole = () => {};
  let finish!: (reason: TuiExit) => void;
  const done = new Promise<TuiExit>((resolve) => (finish = resolve));
  const restore = () => {
    try {
      instance?.unmount();
    } catch {
      // Restoring the terminal matters more than a clean unmount.
    }
    instance = undefined;
    releaseConsole();
    screen.restore();
  };

  try {
    // Subscribed above, before React loads (a few hundred ms), so no event of that time is lost.
    const { mountApp } = await loadInk();
    resources = options.resources === false ? undefined : createFeed(store, options.resources ?? {});
    // After a signal someone else handles (the CLI stops the sweep): resolve once it has finished.
    removeGuards = installRestoreGuards(restore, () => waitForFinish(store).then(() => finish('stopped')));
    releaseConsole = captureConsole((level, text) => store.updateUi((s) => ({ ...s.ui, status: { time: Date.now(), level, text } })));
    screen.enter();
    instance = mountApp({
      client,
      store,
      readLog,
      size,
      theme: themeFor(process.env),
      resources,
      stdout: output.stream,
      stdin,
      detachable: options.detachable,
      viewer: options.viewer,
      readOnly: options.readOnly,
      importances,
      onExit: finish,
    });
    // the first frame is drawn: a big sweep's other trials may come in now
    client.continueSnapshot?.();
    firstSample = setTimeout(() => resources?.start(), FIRST_SAMPLE_DELAY_MS);
    return { reason: await done };
  } finally {
    clearTimeout(firstSample);
    restore();
    removeGuards();
    size.dispose();
    resources?.stop();
    importances.dispose();
    for (const unsubscribe of unsubscribes) unsubscribe();
    stopWatching?.();
    stopProgress?.();
    store.dispose();
  }
}

/** The first frame of a big sweep takes a few hundred ms to draw: the first sample waits for it. */
const FIRST_SAMPLE_DELAY_MS = 1000;

let loading: Promise<typeof import('./mount.js')> | null = null;

/**
 * Loads Ink and React: about 0.1 s of CPU from the bundle (scripts/bundle-ui.mjs), several times
 * that module by module. From the bundle it is a synchronous require, so a caller starts it where
 * it waits for something else: `attach` does while the controller builds the snapshot.
 * startTui awaits the same load.
 */
export function loadInk(): Promise<typeof import('./mount.js')> {
  loading ??= existsSync(BUNDLE)
    ? new Promise((resolve) => resolve(createRequire(import.meta.url)(BUNDLE) as typeof import('./mount.js')))
    : importWithProductionReact();
  return loading;
}

/** Where the build puts the bundle, from dist/src/ui/start.js. */
const BUNDLE = fileURLToPath(new URL('../../ui.cjs', import.meta.url));

/**
 * The importance worker, beside this module: built by tsc, not bundled (it is loaded only when the
 * analysis view opens).
 */
const IMPORTANCE_WORKER = fileURLToPath(new URL('./analysis/importance-worker.js', import.meta.url));

async function importWithProductionReact(): Promise<typeof import('./mount.js')> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await import('./mount.js');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** The resource monitor, measuring the process groups of the trials that are alive now. */
function createFeed(store: ViewStore, options: { intervalMs?: number; nvidiaSmi?: string }) {
  const listeners = new Set<(sample: ResourceSample) => void>();
  const monitor = new ResourceMonitor({
    ...options,
    groups: () => resourceGroups(store.getState().sweep),
    onSample: (sample) => {
      for (const listener of listeners) listener(sample);
    },
  });
  return {
    /** After the first frame: its /proc scan and nvidia-smi would only delay it. */
    start: () => monitor.start(),
    subscribe(listener: (sample: ResourceSample) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => monitor.stop(),
  };
}

function waitForFinish(store: ViewStore): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (store.getState().sweep.info.phase !== 'finished') return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}
