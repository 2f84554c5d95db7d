/**
 * Start-up (issue: foundation): `node dist/src/cli/main.js --version` must answer in under 0.3 s,
 * which needs Ink and React to stay unloaded. Compared with a bare `node -e 0` in the same run
 * (the floor no CLI can beat on this machine). Needs `npm run build` first (`npm run bench` does it).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 5 : 20;
const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));

function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const bare = medianMs(['-e', '0']);
const version = medianMs([main, '--version']);
console.log(`median of ${RUNS} runs`);
console.log(`  node -e 0                 ${bare.toFixed(0).padStart(5)} ms`);
console.log(`  sweeptop --version        ${version.toFixed(0).padStart(5)} ms   (${(version / bare).toFixed(2)}× bare node; goal: < 300 ms)`);
