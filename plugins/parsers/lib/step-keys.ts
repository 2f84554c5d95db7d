/**
 * Keys that say which step a line belongs to rather than being metrics themselves. When a line
 * has several, the finest wins: `epoch=3 step=1200 loss=…` is step 1200.
 */
const STEP_KEYS = ['step', 'global_step', '_step', 'iteration', 'iter', 'epoch'];

/** Position in the preference order (0 is best), or -1 when `name` is not a step key. */
export function stepKeyRank(name: string): number {
  if (name.length > 11) return -1;
  const first = name.charCodeAt(0) | 0x20; // ASCII lower case; `_` becomes 127
  if (first !== 115 && first !== 103 && first !== 127 && first !== 105 && first !== 101) return -1; // s g _ i e
  return STEP_KEYS.indexOf(isLowerCase(name) ? name : name.toLowerCase());
}

/**
 * Keys that are clocks or identities, never metrics: a Unix timestamp in a JSON line, the
 * logger's version number, a process id.
 */
const NOT_METRICS = new Set([
  'timestamp', '_timestamp', 'time_stamp', 'wall_time', 'walltime', 'datetime', 'date',
  'version', 'v_num', 'pid', 'port', 'rank', 'local_rank', 'global_rank', 'world_size', 'seed',
]);

/** First letters of NOT_METRICS, lower-cased: most names are ruled out without hashing them. */
const NOT_METRIC_INITIALS = new Set([...NOT_METRICS].map((name) => name.charCodeAt(0)));

export function isNeverMetric(name: string): boolean {
  const first = name.charCodeAt(0);
  if (name.length > 13 || !NOT_METRIC_INITIALS.has(first >= 65 && first <= 90 ? first + 32 : first)) return false;
  return NOT_METRICS.has(isLowerCase(name) ? name : name.toLowerCase());
}

function isLowerCase(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}
