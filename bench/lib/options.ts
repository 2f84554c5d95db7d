/**
 * The options every benchmark reads. `npm run bench` passes the same flags to each benchmark, so
 * one that does not know a flag ignores it.
 */

export interface BenchOptions {
  /** `--runs N`: rounds in which the subject and its baseline each run once (default 3). */
  runs: number;
  /** `--quick`: smaller runs, for checking that a benchmark works; never written to the docs. */
  quick: boolean;
  /** Whether the figures go into docs/performance.md: not under `--no-write` or `--quick`. */
  write: boolean;
}

/** The blocks in the docs promise min/median/max over at least this many runs. */
export const RUNS_TO_WRITE = 3;

export function readOptions(argv: readonly string[]): BenchOptions {
  const runs = numberOption(argv, '--runs') ?? RUNS_TO_WRITE;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${runs}`);
  const quick = argv.includes('--quick');
  return { runs, quick, write: !quick && !argv.includes('--no-write') };
}

/** The number after `name` (`--seeds 400`), or undefined when the flag is absent. */
export function numberOption(argv: readonly string[], name: string): number | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(argv[at + 1]);
  if (argv[at + 1] === undefined || Number.isNaN(value)) throw new Error(`${name} needs a number`);
  return value;
}

/** The text after `name` (`--against main`), or undefined when the flag is absent. */
export function stringOption(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}
