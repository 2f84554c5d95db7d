import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../../src/engine/control/client.js';
import { controlInfoPath, readControlInfo } from '../../../src/engine/control/control-info.js';
import { listenWithFallback, socketCandidates } from '../../../src/engine/control/socket-path.js';
import { UserError } from '../../../src/engine/errors.js';
import { FakeClient } from '../../ui/fake-client.js';
import { TempDir, waitFor } from '../../helpers/sweep.js';
import { attach, closeAll, serve } from './serve.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(async () => {
  await closeAll();
  temp.remove();
});

const uid = process.getuid?.() ?? 0;

/** A sweep directory whose control.sock path would not fit in sun_path (108 bytes). */
function longSweepDir(): string {
  const dir = join(temp.path, 'a'.repeat(60), 'b'.repeat(60));
  mkdirSync(dir, { recursive: true });
  expect(Buffer.byteLength(join(dir, 'control.sock'))).toBeGreaterThan(108);
  return dir;
}

describe('where the control socket goes', () => {
  it('falls back to a private sweeptop-$UID folder in /tmp for a long path; clients find it through control.json', async () => {
    const dir = longSweepDir();
    const tmp = join(temp.path, 'tmp');
    mkdirSync(tmp);
    const fake = new FakeClient();
    const server = await serve(fake, dir, { tmpDir: tmp, env: { XDG_RUNTIME_DIR: join(temp.path, 'run') } });
    expect(server.path).toMatch(new RegExp(`^${tmp}/sweeptop-${uid}/[0-9a-f]{16}\\.sock$`));
    expect(statSync(join(tmp, `sweeptop-${uid}`)).mode & 0o777).toBe(0o700);
    expect(statSync(server.path).mode & 0o777).toBe(0o600);
    expect(readControlInfo(dir).socket).toBe(server.path);
    expect(existsSync(join(dir, 'control.sock'))).toBe(false);
    expect((await attach(dir)).snapshot().name).toBe('demo-sweep');
    expect(await sendCommand(dir, { type: 'kill', trialId: 0 }, 'ctl')).toEqual({ ok: true });
    expect(fake.commands).toEqual([{ command: { type: 'kill', trialId: 0 }, by: 'ctl' }]);
  });

  it.each(['a folder of another user', 'a file'])(
    'when another user squatted /tmp/sweeptop-$UID first (%s), makes a fresh private folder, records it, and removes it on close',
    async (squat) => {
      const dir = longSweepDir();
      const tmp = join(temp.path, 'tmp');
      mkdirSync(tmp);
      const squatted = join(tmp, `sweeptop-${uid}`);
      if (squat === 'a file') writeFileSync(squatted, '');
      else {
        mkdirSync(squatted, { mode: 0o777 });
        chownSync(squatted, 65534, 65534);
      }
      const fake = new FakeClient();
      const server = await serve(fake, dir, { tmpDir: tmp, env: {} });
      expect(server.path).toMatch(new RegExp(`^${tmp}/sweeptop-${uid}-[A-Za-z0-9]{6}/[0-9a-f]{16}\\.sock$`));
      const folder = dirname(server.path);
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      expect(statSync(folder).uid).toBe(uid);
      expect(readControlInfo(dir).socket).toBe(server.path);
      expect((await attach(dir)).snapshot().name).toBe('demo-sweep');
      expect(await sendCommand(dir, { type: 'kill', trialId: 0 }, 'ctl')).toEqual({ ok: true });
      await server.close();
      expect(existsSync(folder)).toBe(false);
      expect(readdirSync(tmp)).toEqual([`sweeptop-${uid}`]);
    },
  );

  it('uses the real /tmp by default, and cleans up on close', async () => {
    const dir = longSweepDir();
    const server = await serve(new FakeClient(), dir, { env: {} });
    expect(server.path.startsWith(`/tmp/sweeptop-${uid}/`)).toBe(true);
    expect(statSync(`/tmp/sweeptop-${uid}`).mode & 0o777).toBe(0o700);
    expect((await attach(dir)).snapshot().name).toBe('demo-sweep');
    await server.close();
    expect(existsSync(server.path)).toBe(false);
    expect(existsSync(controlInfoPath(dir))).toBe(false);
  });

  it('tries /tmp, then the runtime dir (removed at logout), then a fresh private folder, after the sweep directory', () => {
    const runtime = join(temp.path, 'run');
    mkdirSync(runtime);
    expect(socketCandidates(temp.path, { XDG_RUNTIME_DIR: runtime }).map((c) => c.path)).toEqual([
      join(temp.path, 'control.sock'),
      expect.stringMatching(new RegExp(`^/tmp/sweeptop-${uid}/[0-9a-f]{16}\\.sock$`)),
      expect.stringMatching(new RegExp(`^${runtime}/sweeptop/[0-9a-f]{16}\\.sock$`)),
      expect.stringMatching(new RegExp(`^/tmp/sweeptop-${uid}-XXXXXX/[0-9a-f]{16}\\.sock$`)),
    ]);
    expect(socketCandidates(temp.path, { XDG_RUNTIME_DIR: join(temp.path, 'no-such-dir') })).toHaveLength(3);
  });

  it('tries the next place when a filesystem cannot hold a socket or a folder cannot be made private, and stops on any other error', async () => {
    const candidates = socketCandidates(temp.path, {});
    const refuse = (code: string) => Object.assign(new Error(code), { code });
    const tried: string[] = [];
    const chosen = await listenWithFallback(candidates, async (path) => {
      tried.push(path);
      if (tried.length === 1) throw refuse('EOPNOTSUPP');
      return 'ok';
    });
    expect(chosen).toMatchObject({ path: candidates[1].path, listening: 'ok' });
    expect(tried).toHaveLength(2);
    await expect(
      listenWithFallback(candidates, async () => {
        throw refuse('EACCES');
      }),
    ).rejects.toThrow('EACCES');
    await expect(
      listenWithFallback(candidates, async () => {
        throw refuse('EINVAL');
      }),
    ).rejects.toThrow(/cannot create the control socket anywhere .*control\.sock: EINVAL; .*: EINVAL; .*sweeptop-\d+-\w{6}\/.*: EINVAL/);
    // the fresh folder made for the failed try is gone again
    expect(existsSync(dirname(candidates[2].path))).toBe(false);
    const squatted = [
      {
        path: '/a.sock',
        prepare: () => {
          throw new UserError('refusing /a: owned by uid 65534');
        },
      },
      candidates[1],
    ];
    expect((await listenWithFallback(squatted, async () => 'ok')).path).toBe(candidates[1].path);
  });

  it('replaces the socket a killed controller left, and does not steal a live one', async () => {
    const dir = temp.path;
    const path = join(dir, 'control.sock');
    const child = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(statSync(path).isSocket()).toBe(true);
    const server = await serve(new FakeClient(), dir);
    expect(server.path).toBe(path);
    expect((await attach(dir)).snapshot().name).toBe('demo-sweep');
    await expect(serve(new FakeClient(), dir)).rejects.toThrow(`another controller is listening on ${path}`);
    await waitFor(() => server.clientCount === 1, 2_000, 'the probe connection goes away');
  });
});
