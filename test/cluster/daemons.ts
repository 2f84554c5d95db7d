/**
 * What the cluster helpers share: finding the daemons' binaries, free ports, a folder for a
 * daemon's files, and running a bring-up script. Tests skip with a clear message when the
 * binaries are absent on a developer's machine; under CI (`CI=true`, where `.ci/run` installs
 * them) a missing binary is an error, so a broken install cannot pass as a skip.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SBIN = ['/usr/sbin', '/sbin'];

export const CLUSTER_SCRIPTS = resolve('test/cluster');

/** The first of `names` not found on PATH (or in /usr/sbin), as a reason to skip; null when all are there. */
export function missingBinaries(names: readonly string[], install: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SBIN].filter(Boolean);
  const missing = names.filter((name) => !dirs.some((dir) => isExecutable(join(dir, name))));
  let reason: string | null = null;
  if (missing.length) reason = `${missing.join(', ')} not installed (apt-get install ${install}; .ci/run does)`;
  else if (process.getuid?.() !== 0) reason = 'the test daemons must be started as root';
  if (reason && process.env.CI === 'true') throw new Error(`CI must run these tests, but ${reason}`);
  return reason;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Ports nobody listens on right now, distinct from each other. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((done, fail) => {
          const server = createServer();
          server.once('error', fail);
          server.listen(0, '127.0.0.1', () => done(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** A new folder for one cluster's files, under $SWEEPTOP_CI_DIR (CI) or the system's temp folder. */
export function daemonFolder(prefix: string): string {
  const base = process.env.SWEEPTOP_CI_DIR ?? tmpdir();
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

/** Runs one of test/cluster's scripts; its stdout (the `export …` line) is returned. */
export async function runScript(script: string, env: Record<string, string>): Promise<string> {
  const path = [...(process.env.PATH ?? '').split(delimiter), ...SBIN].join(delimiter);
  try {
    const { stdout } = await run('bash', [join(CLUSTER_SCRIPTS, script)], {
      env: { ...process.env, PATH: path, ...env },
      timeout: 120_000,
    });
    return stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${script} failed:\n${stderr ?? (error as Error).message}`);
  }
}
