import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScreenEmulator } from './screen-emulator.js';

/** Runs test/ui/start-harness.tsx in a child process with CI unset; returns what it wrote. */
function harness(steps: object[]) {
  const env = { ...process.env };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/ui/start-harness.tsx', JSON.stringify(steps)], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  let output = '';
  let end: { reason?: string; rawMode?: boolean } = {};
  const other: string[] = [];
  const resizes: [number, number, number][] = [];
  for (const line of child.stderr.split('\n')) {
    if (line.startsWith('{"chunk"')) output += (JSON.parse(line) as { chunk: string }).chunk;
    else if (line.startsWith('{"resize"')) resizes.push([output.length, ...(JSON.parse(line) as { resize: [number, number] }).resize]);
    else if (line.startsWith('{"reason"')) end = JSON.parse(line);
    else other.push(line);
  }
  return { ...end, output, resizes, status: child.status, signal: child.signal, stderr: other.join('\n') };
}

function replay(output: string, width = 120, height = 35, resizes: [number, number, number][] = []) {
  const screen = new ScreenEmulator(width, height);
  let offset = 0;
  for (const [at, w, h] of resizes) {
    screen.write(output.slice(offset, at));
    screen.resize(w, h);
    offset = at;
  }
  screen.write(output.slice(offset));
  return screen;
}

describe('startTui in a terminal', () => {
  it('uses the alternate screen, keeps every frame in place, and restores the terminal on q y', () => {
    const run = harness([
      { waitFor: 'sort active' },
      { log: 'a plugin says hello' },
      { wait: 500 },
      { keys: 'q' },
      { wait: 100 },
      { keys: 'y' },
    ]);
    expect(run.reason).toBe('stopped');
    expect(run.output.startsWith('\x1b[?1049h')).toBe(true);
    expect(run.output.endsWith('\x1b[?1049l\x1b[?25h')).toBe(true);
    expect(run.output).not.toContain('\x1b[3J');
    expect(run.rawMode).toBe(false);

    // The screen just before leaving: one header line at the top, nothing left over from older frames.
    const before = run.output.slice(0, run.output.lastIndexOf('\x1b[?1049l'));
    const lines = replay(before).text();
    expect(lines[0]).toMatch(/^demo-sweep /);
    expect(lines.filter((l) => l.startsWith('demo-sweep ')).length).toBe(1);
    expect(lines[2]).toMatch(/^\s+id state▾/);
    expect(lines[34]).toBe('');
    // console.* inside the TUI goes to the status line, not into the frame.
    expect(replay(run.output.slice(0, run.output.indexOf('Stop the sweep'))).text()[32]).toMatch(/^a plugin says hello/);
    expect(lines[33]).toMatch(/^(y yes|p pause|Enter detail|P promote|x remove)/);
  });

  it('repaints the whole screen for the new size after a resize', () => {
    const run = harness([
      { waitFor: 'sort active' },
      { wait: 300 },
      { resize: [80, 24] },
      { wait: 600 },
      { resize: [100, 30] },
      { wait: 600 },
      { keys: 'qy' },
    ]);
    // Replayed on a terminal that changes size where the app saw it change.
    const screen = replay(run.output.slice(0, run.output.lastIndexOf('\x1b[?1049l')), 120, 35, run.resizes);
    const lines = screen.text();
    expect(lines).toHaveLength(30);
    expect(lines[0]).toMatch(/^demo-sweep /);
    expect(lines.filter((l) => l.startsWith('demo-sweep ')).length).toBe(1);
    expect(lines[1]).toMatch(/^resources|^trials/);
    expect(lines[29]).toBe('');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('restores the terminal and re-throws on an uncaught error', () => {
    const run = harness([{ waitFor: 'sort active' }, { crash: true }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('boom from the harness');
    expect(run.output).toContain('\x1b[?1049l\x1b[?25h');
    expect(run.rawMode).toBe(false);
  });

  it.each(['SIGTERM', 'SIGHUP'])('restores the terminal on %s and dies of it when nobody else handles it', (signal) => {
    const run = harness([{ waitFor: 'sort active' }, { signal }]);
    expect(run.signal).toBe(signal);
    expect(run.output).toContain('\x1b[?1049l\x1b[?25h');
  });

  it('loads React and Ink only inside startTui (start.tsx imports neither)', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gms)) {
        const spec = match[1];
        expect(['react', 'ink', 'react/jsx-runtime'], `${file} imports ${spec}`).not.toContain(spec);
        if (spec.startsWith('.'))
          visit(resolve(file, '..', spec.replace(/\.js$/, '.ts')).replace(/\.ts$/, existing(resolve(file, '..', spec))));
      }
    };
    visit(resolve('src/ui/start.tsx'));
    expect(seen.size).toBeGreaterThan(10);
  });
});

function existing(jsPath: string): string {
  const base = jsPath.replace(/\.js$/, '');
  try {
    readFileSync(`${base}.ts`);
    return '.ts';
  } catch {
    return '.tsx';
  }
}
