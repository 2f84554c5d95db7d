/**
 * Keys that say which step a line belongs to rather than being metrics themselves. When a line
 * has several, the finest wins: `epoch=3 step=1200 loss=…` is step 1200.
 *
 * Both lists are matched without regard to case, and asked about every key of every line, so a
 * name is first looked up by its shape (first letter and length): nearly all are ruled out there,
 * and the rest are compared with the one or two keys of their shape, without hashing them.
 */
const STEP_KEYS = ['step', 'global_step', '_step', 'iteration', 'iter', 'epoch'];

/** Position in the preference order (0 is best), or -1 when `name` is not a step key. */
export function stepKeyRank(name: string): number {
  const keys = keysShaped(STEP_KEYS_BY_SHAPE, name);
  return keys === undefined ? -1 : STEP_KEYS.indexOf(inLowerCase(name));
}

/**
 * Keys that are clocks or identities, never metrics: a Unix timestamp in a JSON line, the
 * logger's version number, a process id, and the keys that say which of several trainings a line
 * belongs to (`fold`, `split`, `seed`: contexts, see metric-names.ts).
 */
const NOT_METRICS = [
  'timestamp',
  '_timestamp',
  'time_stamp',
  'wall_time',
  'walltime',
  'datetime',
  'date',
  'version',
  'v_num',
  'pid',
  'port',
  'rank',
  'local_rank',
  'global_rank',
  'world_size',
  'seed',
  'fold',
  'split',
];

export function isNeverMetric(name: string): boolean {
  const keys = keysShaped(NOT_METRICS_BY_SHAPE, name);
  return keys !== undefined && keys.includes(inLowerCase(name));
}

/** The keys by first character (ASCII, lower case), then by length. */
type KeysByShape = Array<Array<string[] | undefined> | undefined>;

function byShape(keys: readonly string[]): KeysByShape {
  const table: KeysByShape = [];
  for (const key of keys) ((table[key.charCodeAt(0)] ??= [])[key.length] ??= []).push(key);
  return table;
}

const STEP_KEYS_BY_SHAPE = byShape(STEP_KEYS);
const NOT_METRICS_BY_SHAPE = byShape(NOT_METRICS);

/**
 * The keys with the first character and length of `name`, in any case. Lower-casing keeps the
 * length and the first character's ASCII-ness of every name that could match (only `İ` changes,
 * and it lower-cases to none of the keys' letters), so a name of another shape never matches.
 */
function keysShaped(table: KeysByShape, name: string): string[] | undefined {
  const first = name.charCodeAt(0);
  const lower = first >= 65 && first <= 90 ? first + 32 : first;
  return lower < 128 ? table[lower]?.[name.length] : undefined;
}

function inLowerCase(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return name.toLowerCase();
  }
  return name;
}
