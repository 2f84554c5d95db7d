/**
 * What to say about an objective no trial reported, in one sentence shared by `rescore` and the
 * sweep's missing-objective stop: the names that were seen, and the one most likely meant.
 * Metric names go wrong in ways keys do not: a shortened name (`val_acc` for `val_accuracy`) is
 * too far from the right one for an edit distance, and a script that prints no per-step value may
 * print a summary of it (`mean/accuracy`).
 */
import { splitSummaryName } from '../../plugin-api/metric-names.js';
import { nearest } from '../config/nearest.js';
import { preferredStandIn } from './objective.js';

/** How many seen names the sentence lists; the rest are counted. */
const LISTED = 8;
/** A shortened name must keep this much to be a guess (`v` is a prefix of too much). */
const SHORTEST_PREFIX = 3;

/**
 * `metric 'val_acc' was never reported; seen: val_accuracy, val_loss, loss — did you mean
 * 'val_accuracy'?`, the last part only with a guess. `seen` holds every name reported, repeated as
 * often as it was (once per trial that reported it, say): the most frequent are listed first.
 */
export function missingMetricMessage(wanted: string, seen: readonly string[]): string {
  const names = byFrequency(seen);
  const more = names.length > LISTED ? `, … (${names.length - LISTED} more)` : '';
  const listed = names.length === 0 ? 'none' : names.slice(0, LISTED).join(', ') + more;
  const guess = suggestMetric(wanted, names);
  return `metric '${wanted}' was never reported; seen: ${listed}${guess === undefined ? '' : ` — did you mean '${guess}'?`}`;
}

/**
 * The seen name `wanted` most likely stands for, or undefined. Surest first: the same name in
 * another case; a summary of it (`mean/accuracy` for `accuracy`, the one that would stand in for
 * it first); a name it shortens or extends (`val_acc`, `val_accuracy`); a near spelling. Among
 * equally sure ones, the most frequent.
 */
export function suggestMetric(wanted: string, seen: readonly string[]): string | undefined {
  const names = byFrequency(seen);
  const lower = wanted.toLowerCase();
  const keyOf = (name: string) => (splitSummaryName(name)?.key ?? name).toLowerCase();
  return (
    names.find((name) => name.toLowerCase() === lower) ??
    preferredStandIn(names, wanted) ??
    names.find((name) => keyOf(name) === lower) ??
    names.find((name) => shortens(lower, name.toLowerCase())) ??
    names.find((name) => shortens(lower, keyOf(name))) ??
    nearest(wanted, names)
  );
}

/** One is the beginning of the other, long enough to mean something. */
function shortens(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= SHORTEST_PREFIX && short !== long && long.startsWith(short);
}

/** Distinct names, most frequent first; ties in the order they were first seen. */
function byFrequency(seen: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of seen) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}
