import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../../src/engine/control/client.js';
import { writeControlInfo } from '../../../src/engine/control/control-info.js';
import { FakeClient } from '../../ui/fake-client.js';
import { cliForAnotherUser } from '../../helpers/cli-for-another-user.js';
import { TempDir } from '../../helpers/sweep.js';
import { attach, closeAll, serve } from './serve.js';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

let temp: TempDir;
let sweepDir: string;
beforeEach(() => {
  temp = new TempDir();
  sweepDir = join(temp.path, 'sweep');
  mkdirSync(sweepDir, { mode: 0o755 });
});
afterEach(async () => {
  await closeAll();
  temp.remove();
});

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * Runs a tiny client as `nobody`: prints "connected <reply>" or the error code. Asynchronously:
 * the server answering it runs in this process.
 */
async function connectAsNobody(socket: string): Promise<string> {
  const script = temp.file(
    'as-nobody.mjs',
    `
import { connect } from 'node:net';
const socket = connect(process.argv[2]);
socket.on('connect', () => socket.write('{"v":1,"type":"ping","id":1}\\n'));
socket.on('data', (d) => { console.log('connected', d.toString().trim()); process.exit(0); });
socket.on('error', (e) => { console.log(e.code); process.exit(0); });
`,
  );
  chmodSync(script, 0o644);
  const { stdout } = await promisify(execFile)(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, script, socket],
    { timeout: 10_000 },
  );
  return stdout.trim();
}

describe('who can reach the control socket', () => {
  it('makes the sweep directory 0700 and the socket 0600', async () => {
    const server = await serve(new FakeClient(), sweepDir);
    expect(server.path).toBe(join(sweepDir, 'control.sock'));
    expect(mode(sweepDir)).toBe(0o700);
    expect(mode(server.path)).toBe(0o600);
    expect(statSync(server.path).isSocket()).toBe(true);
  });

  it.skipIf(!isRoot || !hasSetpriv)('another user cannot connect, stopped by the folder and by the socket each on its own', async () => {
    chmodSync(temp.path, 0o755); // mkdtemp made it 0700: nobody must be able to get this far
    const server = await serve(new FakeClient(), sweepDir);

    // the harness can connect as nobody when both walls are down, so the refusals below are real
    chmodSync(sweepDir, 0o755);
    chmodSync(server.path, 0o666);
    expect(await connectAsNobody(server.path)).toBe('connected {"v":1,"type":"pong","id":1}');

    chmodSync(server.path, 0o600); // only the socket's mode in the way
    expect(await connectAsNobody(server.path)).toBe('EACCES');

    chmodSync(server.path, 0o666);
    chmodSync(sweepDir, 0o700); // only the folder in the way
    expect(await connectAsNobody(server.path)).toBe('EACCES');

    chmodSync(server.path, 0o600); // as the server leaves them
    expect(await connectAsNobody(server.path)).toBe('EACCES');
  });

  it.skipIf(!isRoot || !hasSetpriv)(
    "another user's attach, ctl and status say permission denied, not that no controller runs",
    async () => {
      chmodSync(temp.path, 0o755);
      await serve(new FakeClient(), sweepDir);
      const main = await cliForAnotherUser(join(temp.path, 'cli'));
      const asNobody = (...args: string[]) =>
        spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, main, ...args], {
          encoding: 'utf8',
          timeout: 20_000,
        });
      for (const args of [
        ['attach', sweepDir],
        ['ctl', sweepDir, 'pause', '1'],
        ['status', sweepDir],
      ]) {
        const result = asNobody(...args);
        expect(result.stderr).toBe(
          `sweeptop: ${sweepDir}: permission denied (a sweep's directory and socket are private to the user who runs it)\n`,
        );
        expect(result.status).toBe(2);
      }
    },
  );

  it('a client refuses a socket others may use or another user owns, before connecting', async () => {
    const fake = new FakeClient();
    const server = await serve(fake, sweepDir);
    chmodSync(server.path, 0o666);
    await expect(attach(sweepDir)).rejects.toThrow(`refusing ${server.path}: its mode 0666 lets other users connect; expected 0600`);
    await expect(sendCommand(sweepDir, { type: 'stop' }, 'ctl')).rejects.toThrow(/mode 0666/);
    chmodSync(server.path, 0o600);
    if (isRoot) {
      chownSync(server.path, NOBODY, NOBODY);
      await expect(attach(sweepDir)).rejects.toThrow(
        `refusing ${server.path}: the control socket is owned by uid ${NOBODY}, not by you (uid 0)`,
      );
      chownSync(server.path, 0, 0);
      chmodSync(sweepDir, 0o777);
      await expect(attach(sweepDir)).rejects.toThrow(/its folder .* is not private to you/);
      chmodSync(sweepDir, 0o700);
    }
    expect(fake.commands).toEqual([]);
    expect((await attach(sweepDir)).snapshot().name).toBe('demo-sweep');
  });

  it('a client refuses a control.json that points at something other than a socket', async () => {
    chmodSync(sweepDir, 0o700);
    writeFileSync(join(sweepDir, 'not-a-socket'), '');
    writeControlInfo(sweepDir, join(sweepDir, 'not-a-socket'));
    await expect(attach(sweepDir)).rejects.toThrow(/is not a socket/);
    writeControlInfo(sweepDir, join(sweepDir, 'gone.sock'));
    await expect(attach(sweepDir)).rejects.toThrow(/no control socket at .*gone\.sock \(ENOENT\)/);
  });

  it.skipIf(!isRoot)(
    'the server refuses a fallback socket folder that is not private and its own, and tries the next, its own fresh folder last',
    async () => {
      const longDir = join(temp.path, 'x'.repeat(120));
      mkdirSync(longDir);
      const tmp = join(temp.path, 'tmp');
      const tmpFolder = join(tmp, 'sweeptop-0');
      const runtime = join(temp.path, 'run');
      const runtimeFolder = join(runtime, 'sweeptop');
      mkdirSync(tmpFolder, { recursive: true, mode: 0o700 });
      mkdirSync(runtimeFolder, { recursive: true, mode: 0o755 });
      chownSync(tmpFolder, NOBODY, NOBODY); // squatted by another user
      const options = { tmpDir: tmp, env: { XDG_RUNTIME_DIR: runtime } };
      // both squatted or open: a fresh private folder of its own, removed when it closes
      const fresh = await serve(new FakeClient(), longDir, options);
      expect(fresh.path).toMatch(new RegExp(`^${tmpFolder}-\\w{6}/`));
      await fresh.close();
      expect(existsSync(dirname(fresh.path))).toBe(false);
      chmodSync(runtimeFolder, 0o700);
      const server = await serve(new FakeClient(), longDir, options);
      expect(server.path.startsWith(runtimeFolder + '/')).toBe(true);
      expect((await attach(longDir)).snapshot().name).toBe('demo-sweep');
    },
  );
});
