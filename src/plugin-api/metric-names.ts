/**
 * The two ways a printed number is more than "metric at a step", shared by every parser so that
 * one script reads the same whichever parser claims its lines:
 *
 * - a **summary** of a metric (`Best val_accuracy: 0.98`, `final val_loss=0.4`,
 *   `mean accuracy 0.97 +/- 0.01`) is a metric of its own, named `qualifier/key`
 *   (`best/val_accuracy`, `final/val_loss`, `mean/accuracy`, `std/accuracy`), never a point of
 *   the key's curve;
 * - a **context** (`fold 3`, `Fold 3/5`, `fold=3`, `split 3`, `seed 3`) says which of several
 *   trainings in one process the following points belong to; it is written `fold 3`.
 */

/** Summary qualifiers as named in metric names; `avg` and `average` are written `mean`. */
export const SUMMARY_QUALIFIERS = ['best', 'final', 'test', 'mean', 'std', 'min', 'max'] as const;
export type SummaryQualifier = (typeof SUMMARY_QUALIFIERS)[number];

const QUALIFIER_WORDS: Record<string, SummaryQualifier> = {
  best: 'best',
  final: 'final',
  test: 'test',
  mean: 'mean',
  avg: 'mean',
  average: 'mean',
  std: 'std',
  stdev: 'std',
  min: 'min',
  max: 'max',
};

const QUALIFIER_SPELLINGS = Object.entries(QUALIFIER_WORDS);

/** The qualifier a word stands for (`Best` → best, `avg` → mean), in any case; undefined if none. */
export function summaryQualifier(word: string): SummaryQualifier | undefined {
  return summaryQualifierAt(word, 0, word.length);
}

/**
 * summaryQualifier of `text.slice(start, end)`, without cutting it out or lower-casing it: parsers
 * ask about many words of many lines, nearly all of them no qualifier.
 */
export function summaryQualifierAt(text: string, start: number, end: number): SummaryQualifier | undefined {
  const length = end - start;
  if (length < 3 || length > 7) return undefined;
  for (const [spelling, qualifier] of QUALIFIER_SPELLINGS) {
    if (spelling.length === length && spelledAt(text, start, spelling)) return qualifier;
  }
  return undefined;
}

/** `text` from `start` is `lower` (a lower-case ASCII word) in any case. */
function spelledAt(text: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((text.charCodeAt(start + i) | 32) !== lower.charCodeAt(i)) return false;
  return true;
}

/**
 * How many words at `words[from]` say only that a summary is over cross-validation folds
 * (`CV`, `cross-validation`, `cross validation`): 0, 1 or 2. They are left out of the name, so
 * that `Mean CV accuracy` and `mean accuracy` are the same metric, `mean/accuracy`.
 */
export function crossValidationWords(words: readonly string[], from: number): number {
  // nearly always another word: ruled out by its first letter before it is lower-cased
  if (words.length <= from || (words[from].charCodeAt(0) | 32) !== 99) return 0; // c
  const word = words[from].toLowerCase();
  if (word === 'cv' || word === 'crossval' || word === 'cross-validation' || word === 'cross-validated') return 1;
  if (word !== 'cross') return 0;
  const next = words[from + 1]?.toLowerCase();
  return next === 'validation' || next === 'validated' ? 2 : 0;
}

/** `best/val_accuracy`. A key that is already a summary keeps its own qualifier. */
export function summaryName(qualifier: SummaryQualifier, key: string): string {
  return splitSummaryName(key) === null ? `${qualifier}/${key}` : key;
}

/** `best/val_accuracy` → {qualifier: best, key: val_accuracy}; null for a name that is no summary. */
export function splitSummaryName(name: string): { qualifier: SummaryQualifier; key: string } | null {
  const slash = name.indexOf('/');
  if (slash < 3 || slash > 5 || slash === name.length - 1) return null;
  const head = name.slice(0, slash);
  return (SUMMARY_QUALIFIERS as readonly string[]).includes(head)
    ? { qualifier: head as SummaryQualifier, key: name.slice(slash + 1) }
    : null;
}

/** Words that open a context, in any case: `fold 3`, `Split 2`, `seed=1`. */
export const CONTEXT_WORDS = ['fold', 'split', 'seed'] as const;

/** The word of a context key (`Fold` → fold), or undefined when `word` opens none. */
export function contextWord(word: string): (typeof CONTEXT_WORDS)[number] | undefined {
  if (word.length < 4 || word.length > 5) return undefined;
  const lower = word.toLowerCase();
  return (CONTEXT_WORDS as readonly string[]).includes(lower) ? (lower as (typeof CONTEXT_WORDS)[number]) : undefined;
}

/** How a context is written everywhere (records, screens, `sweeptop metrics`): `fold 3`. */
export function contextName(word: string, index: number): string {
  return `${word.toLowerCase()} ${index}`;
}
