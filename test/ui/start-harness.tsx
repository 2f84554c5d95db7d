/**
 * Runs startTui (the CLI's entry point) against a FakeClient and fake TTY streams, in a child
 * process with CI unset (Ink draws nothing under CI=true). Steps come from argv as JSON:
 *   [{"waitFor":"sort active"},{"wait":300},{"keys":"qy"},{"resize":[80,24]},{"emit":"metrics"},{"crash":true},{"signal":"SIGTERM"}]
 * Every chunk written to the fake terminal is echoed at once on stderr as a JSON line {"chunk"} (so
 * a death by signal loses nothing); the last line is {"reason", "rawMode"} when startTui resolves
 * or the process exits.
 */
import { Writable } from 'node:stream';
import { startTui } from '../../src/ui/start.js';
import { FakeClient, makeSnapshot } from './fake-client.js';
import { FakeStdin } from './fake-stdin.js';
import { seedSweep, simulate } from './simulate.js';

const steps = JSON.parse(process.argv[2] ?? '[]') as Record<string, unknown>[];
let written = '';
const stdout = Object.assign(
  new Writable({
    write(chunk, _encoding, callback) {
      written += chunk.toString();
      process.stderr.write(`${JSON.stringify({ chunk: chunk.toString() })}\n`);
      callback();
    },
  }),
  { isTTY: true, columns: 120, rows: 35 },
) as unknown as NodeJS.WriteStream & { columns: number; rows: number };

const stdin = new FakeStdin();

const client = new FakeClient(makeSnapshot({ parallel: 4, trialsTarget: 12 }), { engine: true });
seedSweep(client, { trials: 12, parallel: 4, linesPerSecond: 20, steps: 1000, finished: 3 });
const stopSimulation = simulate(client, { trials: 12, parallel: 4, linesPerSecond: 20, steps: 1000 });

const report = (reason: string) => {
  stopSimulation();
  process.stderr.write(`${JSON.stringify({ reason, rawMode: stdin.isRaw })}\n`);
};
process.on('exit', () => report('exit'));

const run = async () => {
  for (const step of steps) {
    if (typeof step.wait === 'number') await new Promise((r) => setTimeout(r, step.wait as number));
    if (typeof step.waitFor === 'string') {
      const text = step.waitFor;
      while (!written.includes(text)) await new Promise((r) => setTimeout(r, 20));
    }
    if (typeof step.keys === 'string') for (const key of step.keys) stdin.type(key);
    if (Array.isArray(step.resize)) {
      [stdout.columns, stdout.rows] = step.resize as [number, number];
      // Marks the point in the output where the terminal changed size, for the replay.
      process.stderr.write(`${JSON.stringify({ resize: step.resize })}\n`);
      stdout.emit('resize');
    }
    if (typeof step.log === 'string') console.log(step.log);
    if (step.crash)
      setTimeout(() => {
        throw new Error('boom from the harness');
      }, 0);
    if (typeof step.signal === 'string') process.kill(process.pid, step.signal as NodeJS.Signals);
  }
};

const done = startTui(client, { stdout, stdin: stdin as unknown as NodeJS.ReadStream, resources: false });
void run();
const { reason } = await done;
process.removeAllListeners('exit');
report(reason);
process.exit(0);
