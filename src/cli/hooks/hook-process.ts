/**
 * Runs one hook: its argv in a process group of its own, the event as JSON on its stdin, until it
 * exits or its timeout, when the group is killed. The group is killed when its leader exits too, so
 * nothing a hook started outlives it (a hook that means to start something lasting uses setsid).
 */
import { spawn } from 'node:child_process';
import { HOOK_STDERR_LINES } from '../../engine/hooks/describe-failure.js';

/** What is kept of each stream: a hook that prints megabytes must not fill the controller's memory. */
const KEPT_BYTES = 64 * 1024;

export interface HookRun {
  argv: readonly string[];
  stdin: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  timeoutMs: number;
}

export interface HookResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Why it could not start; null when it ran. */
  error: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export function failed(result: HookResult): boolean {
  return result.error !== null || result.timedOut || result.exitCode !== 0;
}

/** Its last lines of stderr, as a failure keeps them. */
export function stderrTail(result: HookResult): string[] {
  return result.stderr.trimEnd().split('\n').filter(Boolean).slice(-HOOK_STDERR_LINES);
}

/** Hooks still running, so that an exit kills what it must not wait for. */
const running = new Set<number>();

export function killRunningHooks(): void {
  for (const pid of running) killGroup(pid);
}

export function runHook(run: HookRun): Promise<HookResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(run.argv[0], run.argv.slice(1), { cwd: run.cwd, env: run.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let error: string | null = null;
    const keep = (kept: string, chunk: Buffer) => (kept + chunk.toString('utf8')).slice(-KEPT_BYTES);
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    // a hook that does not read its stdin closes it early: EPIPE is no failure of the hook
    child.stdin.on('error', () => {});
    child.stdin.end(run.stdin);
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) killGroup(pid);
    }, run.timeoutMs);
    let settled = false;
    const settle = (exitCode: number | null, signal: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      resolve({ exitCode, signal, timedOut, error, stdout, stderr, durationMs: Date.now() - started });
    };
    child.on('error', (cause) => {
      error = cause.message;
      // it never started (ENOENT, EACCES): there is no exit to wait for
      if (pid === undefined) settle(null, null);
    });
    // 'exit' rather than 'close': a grandchild holding the pipes open must not keep the hook alive
    child.on('exit', () => {
      if (pid !== undefined) killGroup(pid);
    });
    child.on('close', (code, signal) => settle(code, signal));
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}
