/**
 * `sweeptop attach` on a sweep too big for one snapshot line, in a real pseudo-terminal (util-linux
 * `script`): the first frame is drawn from the snapshot's first part, saying that trials are still
 * arriving, and the rest follows without a key pressed. The controller is a stand-in serving fake
 * trials (serve-fake-sweep.ts); what is tested is the client and the TUI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_PART_TRIALS, TRIALS_PER_PART } from '../../src/engine/control/outgoing.js';
import { ScreenEmulator } from '../ui/screen-emulator.js';

const ROOT = resolve('.');
const MAIN = join(ROOT, 'dist/src/cli/main.js');
const hasScript = spawnSync('script', ['--version']).status === 0;
const TRIALS = 3 * TRIALS_PER_PART + 21;
const children: ChildProcess[] = [];
let temp = '';

afterEach(() => {
  for (const child of children.splice(0)) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  if (temp) rmSync(temp, { recursive: true, force: true });
});

function serveFakeSweep(dir: string): Promise<void> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/serve-fake-sweep.ts', dir, String(TRIALS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  children.push(server);
  return new Promise((ready, fail) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
    server.once('exit', (code) => fail(new Error(`the stand-in controller exited with ${code}`)));
  });
}

/** Runs `sweeptop attach DIR` in a 120×35 pseudo-terminal; resolves with all it wrote once `until` holds. */
function attachUntil(dir: string, until: (screen: string[]) => boolean): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const child = spawn('script', ['-qfec', `stty cols 120 rows 35; exec ${process.execPath} ${MAIN} attach ${dir}`, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  children.push(child);
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out; the screen:\n${replay(output).join('\n')}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!until(replay(output))) return;
      clearTimeout(timer);
      done(output);
    });
  });
}

function replay(output: string): string[] {
  const screen = new ScreenEmulator(120, 35);
  screen.write(output);
  return screen.text();
}

describe.skipIf(!hasScript)('attach to a sweep whose snapshot comes in parts', () => {
  it('draws the first part at once, says trials are arriving, then shows them all', async () => {
    temp = mkdtempSync(join(tmpdir(), 'sweeptop-attach-big-'));
    const dir = join(temp, 'sweep');
    mkdirSync(dir, { mode: 0o700 });
    await serveFakeSweep(dir);

    const output = await attachUntil(dir, (screen) => screen[0].includes('running 4'));
    // the first frame: the first part's rows, and how many trials are in so far, not partial counts
    const firstFrame = replay(output.slice(0, output.indexOf('sort active') + 'sort active'.length));
    expect(firstFrame[0]).toMatch(new RegExp(`^big-sweep .* receiving trials ${FIRST_PART_TRIALS}/${TRIALS}…`));
    expect(firstFrame[0]).not.toMatch(/completed \d/);
    expect(firstFrame.some((line) => /^\s*›?\s+0 completed/.test(line))).toBe(true);

    // then every trial, counted, with the best one (in the last part) in the header
    const last = replay(output);
    expect(last[0]).toMatch(new RegExp(`${TRIALS}/${TRIALS} running 4 completed ${TRIALS - 4} .*best 0\\.5 #${TRIALS - 5}`));
    expect(last[0]).not.toContain('receiving');
  });
});
