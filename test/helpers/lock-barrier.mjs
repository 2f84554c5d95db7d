/**
 * Preloaded (`node --import`) into sweeptop processes that race for a sweep's lock, to force the
 * worst interleaving: the first time a process is about to create or replace DIR/controller.lock
 * (rename, link, or an exclusive open), it waits until every racer has reached that point too.
 *   LOCK_BARRIER_DIR  a fresh folder per race; each racer leaves a file there on arrival
 *   LOCK_BARRIER_PARTIES  how many racers to wait for (default 2); after 10 s it goes on alone
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join } from 'node:path';

const folder = process.env.LOCK_BARRIER_DIR;
const parties = Number(process.env.LOCK_BARRIER_PARTIES ?? 2);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let passed = false;

function barrier(target) {
  if (passed || !folder || basename(String(target)) !== 'controller.lock') return;
  passed = true;
  fs.writeFileSync(join(folder, String(process.pid)), '');
  const deadline = Date.now() + 10_000;
  while (fs.readdirSync(folder).length < parties && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 1);
}

const { renameSync, linkSync, openSync } = fs;
fs.renameSync = (from, to) => (barrier(to), renameSync(from, to));
fs.linkSync = (existing, path) => (barrier(path), linkSync(existing, path));
fs.openSync = (path, flags, mode) => (typeof flags === 'string' && flags.includes('x') && barrier(path), openSync(path, flags, mode));
syncBuiltinESMExports();
