/**
 * Opens the TUI on a simulated sweep, for trying it by hand (and for the tmux screenshots):
 *   npx tsx test/ui/demo-fake.tsx [trials] [parallel] [lines/s]
 */
import { startTui } from '../../src/ui/start.js';
import { FakeClient, makeSnapshot } from './fake-client.js';
import { seedSweep, simulate } from './simulate.js';

const [trials = 40, parallel = 4, rate = 2] = process.argv.slice(2).map(Number);
const client = new FakeClient(makeSnapshot({ parallel, trialsTarget: trials }), { engine: true });
seedSweep(client, { trials, parallel, linesPerSecond: rate, steps: 60, finished: Math.floor(trials / 4) });
const stop = simulate(client, { trials, parallel, linesPerSecond: rate, steps: 60 });
const result = await startTui(client, { readLog: async (id) => `log of trial ${id}\nline two\r\nprogress 10%\rprogress 100%\n` });
stop();
console.log(`TUI closed: ${result.reason}`);
