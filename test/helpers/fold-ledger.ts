/** The ledger fixtures/fold-run.mjs keeps with `--ledger FILE`: one line per run it started. */
import { existsSync, readFileSync } from 'node:fs';

/** `trial fold repeat` of every run started, from the ledger at `path`, with how often. */
export function runsStarted(path: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of (existsSync(path) ? readFileSync(path, 'utf8') : '').split('\n')) {
    const match = /^start trial=(\d+) fold=(\d+) repeat=(\d+)/.exec(line);
    if (match) counts.set(match.slice(1).join(' '), (counts.get(match.slice(1).join(' ')) ?? 0) + 1);
  }
  return counts;
}
