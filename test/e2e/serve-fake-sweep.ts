/**
 * A controller stand-in for attach tests: holds DIR's lock and serves a FakeClient with N trials
 * (the last few running) on DIR's control socket, until its parent goes away or stdin closes.
 *   node --import tsx test/e2e/serve-fake-sweep.ts DIR N
 * Prints "ready" once `sweeptop attach DIR` may connect.
 */
import { holdLock } from '../../src/engine/state/controller-lock.js';
import { startControlServer } from '../../src/engine/control/server.js';
import { FakeClient, makeSnapshot, makeTrial } from '../ui/fake-client.js';

const [dir, count] = process.argv.slice(2);
const total = Number(count);
const RUNNING = 4;
const trials = Array.from({ length: total }, (_, id) =>
  id >= total - RUNNING
    ? makeTrial(id, { state: 'running', startedAt: Date.now(), pid: process.pid })
    : makeTrial(id, { state: 'completed', objective: 1 + id / total, best: 1 + id / total, steps: 0 }),
);
// the best trial is the last completed one: in the last part of the snapshot
const best = total - RUNNING - 1;
trials[best] = { ...trials[best], objective: 0.5, best: 0.5 };
const client = new FakeClient(makeSnapshot({ name: 'big-sweep', dir, trials, trialsTarget: total, bestTrialId: best }));
holdLock(dir);
await startControlServer(client, dir);
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
