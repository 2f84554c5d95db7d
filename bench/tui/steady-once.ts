/**
 * One measure of the TUI's steady state by one tree, in a process of its own:
 *
 *   node --import tsx bench/tui/steady-once.ts ROOT SECONDS
 *
 * loads ROOT's Ink app (App, ViewStore, output proxy, composed as its src/ui/start.tsx does) and
 * its fake client and simulation, drives 32 running trials × 10 metric lines/s into a 120×35 fake
 * TTY for SECONDS after a warm-up, and prints `{bytesPerSecond, framesPerSecond, cpuMsPerFrame}`
 * as JSON. `bench/tui.ts --against REV` runs it for this tree and for REV in turn (copied into
 * REV's checkout, so that React and Ink are that tree's), so that the bytes the screen costs are
 * compared in the same run, on the same machine load.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

process.env.NODE_ENV = 'production';
delete process.env.CI;

const [root, secondsText] = process.argv.slice(2);
const seconds = Number(secondsText);
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const [{ createElement }, { render }] = await Promise.all([import('react'), import('ink')]);
const [
  { App },
  { initialSweepView },
  { initialUiState },
  { ViewStore },
  { createOutputProxy },
  { TerminalSizeSource },
  { colourTheme },
  { FakeClient, makeSnapshot },
  { seedSweep, simulate },
  { FakeStdin },
] = await Promise.all([
  load('src/ui/components/App.tsx'),
  load('src/ui/state/sweep-reducer.ts'),
  load('src/ui/state/ui-state.ts'),
  load('src/ui/state/view-store.ts'),
  load('src/ui/terminal/output-proxy.ts'),
  load('src/ui/terminal/terminal-size.ts'),
  load('src/ui/theme/theme.ts'),
  load('test/ui/fake-client.ts'),
  load('test/ui/simulate.ts'),
  load('test/ui/fake-stdin.ts'),
]);

class FakeTty extends Writable {
  isTTY = true;
  columns = 120;
  rows = 35;
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    callback();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tty = new FakeTty();
const stdout = tty as unknown as NodeJS.WriteStream;
const client = new FakeClient(makeSnapshot({ parallel: 32, trialsTarget: 64 }), { engine: true });
seedSweep(client, { trials: 64, parallel: 32, linesPerSecond: 10, steps: 1e9, finished: 0 });
const stopSimulation = simulate(client, { trials: 64, parallel: 32, linesPerSecond: 10, steps: 1e9 });
const size = new TerminalSizeSource(stdout);
// A tree with the cell diff (terminal/frame-diff.ts) renders whole frames and lets its proxy diff
// them; an older one used Ink's incremental rendering.
const diffs = existsSync(join(root, 'src', 'ui', 'terminal', 'frame-diff.ts'));
const output = createOutputProxy(stdout, { fullRepaint: size.needsFullRepaint, repainted: size.repainted, diffFrames: diffs });
const store = new ViewStore({ sweep: initialSweepView(client.snapshot(), Date.now()), ui: initialUiState }, { bytesWritten: output.bytes });
const names = [
  'sweep:started',
  'trial:updated',
  'trial:metric',
  'trial:output',
  'trial:ended',
  'sweep:best',
  'sweep:settings',
  'sweep:intervention',
  'sweep:message',
  'sweep:stopping',
  'sweep:finished',
];
for (const name of names) client.on(name, (payload: unknown) => store.push({ name, payload }));
let frames = 0;
const instance = render(createElement(App, { store, client, readLog: async () => '', size, theme: colourTheme, onExit: () => {} }), {
  stdout: output.stream,
  stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
  exitOnCtrlC: false,
  patchConsole: false,
  incrementalRendering: !diffs,
  maxFps: 60,
  onRender: () => frames++,
});
await sleep(3000);
const bytes0 = tty.bytes;
const frames0 = frames;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await sleep(seconds * 1000);
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
stopSimulation();
instance.unmount();
const drawn = Math.max(1, frames - frames0);
process.stdout.write(
  JSON.stringify({
    bytesPerSecond: (tty.bytes - bytes0) / elapsed,
    framesPerSecond: (frames - frames0) / elapsed,
    cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / drawn,
  }) + '\n',
);
process.exit(0);
