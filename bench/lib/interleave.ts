/**
 * Subject and baseline in turn, A B A B …, never all of A then all of B: a shared machine's speed
 * drifts over minutes, and a drift then slows both arms of a round alike, so the ratio of each
 * round stays meaningful even when the absolute figures wander.
 */

/** What one run of an arm measured, by name (e.g. `{ seconds: 7.9, trialsPerSecond: 63 }`). */
export type Measures = Record<string, number>;

type Arm = () => Promise<Measures> | Measures;
type Series<Arms extends Record<string, Arm>> = { [K in keyof Arms]: Array<Awaited<ReturnType<Arms[K]>>> };

/**
 * Runs every arm once per round, in the order given, for `rounds` rounds, and returns each arm's
 * measures in round order (so index i of two arms forms a pair). Progress goes to stderr, so that
 * a long benchmark shows it is alive without mixing into its report.
 */
export async function interleave<Arms extends Record<string, Arm>>(rounds: number, arms: Arms): Promise<Series<Arms>> {
  const series = Object.fromEntries(Object.keys(arms).map((name) => [name, [] as Measures[]])) as Record<string, Measures[]>;
  for (let round = 1; round <= rounds; round++) {
    for (const [name, arm] of Object.entries(arms)) {
      const started = performance.now();
      series[name].push(await arm());
      process.stderr.write(`  run ${round}/${rounds}: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    }
  }
  return series as Series<Arms>;
}

/** One named measure of every run of an arm: the series a figure is made of. */
export const pick = <M extends Measures>(runs: readonly M[], key: keyof M & string): number[] => runs.map((run) => run[key]);
