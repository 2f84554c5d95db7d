/**
 * Start-up: `sweeptop --version` must answer quickly, which needs Ink and React to stay unloaded
 * until a command draws. The baseline is a bare `node -e 0`, the floor no Node CLI can beat on
 * this machine. One run launches each command ten times and keeps the median launch; the two
 * commands take turns, run by run. Needs `npm run build` first (`npm run bench` does it).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { interleave, pick } from './lib/interleave.js';
import { Bench } from './lib/record.js';
import { median } from './lib/stats.js';

const bench = new Bench('startup');
const LAUNCHES = bench.options.quick ? 3 : 10;
const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));

/** The median wall time of `LAUNCHES` launches, from spawn to exit, as a shell user waits. */
function launchMs(args: string[]): { ms: number } {
  const times: number[] = [];
  for (let i = 0; i < LAUNCHES; i++) {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return { ms: median(times) };
}

const runs = await interleave(bench.options.runs, {
  bare: () => launchMs(['-e', '0']),
  version: () => launchMs([main, '--version']),
});

bench.finish({
  method: `One run launches each command ${LAUNCHES} times in a row and keeps the median; \`node -e 0\` and \`sweeptop --version\` take turns, run by run.`,
  figures: [
    {
      label: '`sweeptop --version`, spawn to exit',
      unit: 'ms',
      values: pick(runs.version, 'ms'),
      baseline: { label: '`node -e 0`', values: pick(runs.bare, 'ms') },
      goal: { of: 'value', op: '<', limit: 300 },
    },
  ],
});
