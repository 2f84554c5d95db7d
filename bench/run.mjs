#!/usr/bin/env node
// `npm run bench [-- NAME...] [-- --runs N] [-- --quick] [-- --no-write] [-- --against REV]`: runs
// bench/<name>.ts files one after another, each in its own process (so one benchmark's memory or
// timers never colour another's figures), passing every flag on to each; a benchmark ignores flags
// it does not know. Each writes its own block of docs/performance.md (bench/lib/record.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Flags followed by a value, which must travel with them rather than read as a benchmark name. */
const TAKES_VALUE = new Set(['--runs', '--seeds', '--big-trials', '--against']);

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = [];
const wanted = [];
for (let i = 0; i < args.length; i++) {
  if (TAKES_VALUE.has(args[i])) flags.push(args[i], args[++i]);
  else if (args[i].startsWith('--')) flags.push(args[i]);
  else wanted.push(args[i]);
}
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const chosen = wanted.length ? wanted : all;
let failed = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`no benchmark "${name}"; available: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...flags], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
