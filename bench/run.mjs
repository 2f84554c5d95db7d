#!/usr/bin/env node
// `npm run bench [-- NAME...] [-- --quick]`: runs bench/<name>.ts files one after another, each in
// its own process (so one benchmark's memory or timers never colour another's figures).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const wanted = args.filter((a) => !a.startsWith('--'));
const all = readdirSync(here).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
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
