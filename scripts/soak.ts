/**
 * `npm run soak [-- --trials N] [-- --kills N] [-- --parallel N] [-- --seed N]`: the soak test at
 * any size (the CI-sized one is test/soak/soak.test.ts). SOAK_SEED sets the seed too. Prints the
 * figures on one line, then every problem found; exits 1 when there is one.
 */
import { runSoak, soakLine } from './soak/drive.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`soak: --${name} needs a whole number, got ${process.argv[index + 1]}`);
    process.exit(2);
  }
  return value;
}

const trials = flag('trials', 1000);
const report = await runSoak({
  trials,
  parallel: flag('parallel', 8),
  kills: flag('kills', 10),
  seed: flag('seed', Number(process.env.SOAK_SEED ?? 17)),
  timeoutMs: flag('timeout-s', Math.max(600, trials * 2)) * 1000,
  log: (line) => console.log(line),
});
console.log(soakLine(report));
for (const problem of report.problems) console.log(`  ${problem}`);
if (report.problems.length > 0) console.log(`soak: the sweep and its ledger are kept in ${report.folder}`);
process.exit(report.problems.length > 0 ? 1 : 0);
