/**
 * The context a line opens, named as metric-names.ts says: `fold 2: accuracy=0.95`, `Fold 1
 * accuracy: 0.95`, `[fold 3/5] loss=0.2`, `split=2 …`, `seed 3 …` → `fold 2`, `fold 1`, `fold 3`,
 * `split 2`, `seed 3`. The index is a whole number, so `split=0.2` (a fraction) opens none.
 */
import { contextName, contextWord } from '../../../src/plugin-api/metric-names.js';

// One regular expression rather than an indexOf per spelling first: measured on kv lines without
// any of the words, it fails faster than six indexOf calls (fold/FOLD, split/SPLIT, seed/SEED).
const CONTEXT = /(?:^|\W)(fold|split|seed)\s*[:=#]?\s*(\d{1,9})(?!\.?\d|\w)/i;

export function contextIn(line: string): string | undefined {
  if (!hasDigit(line)) return undefined; // `final `, `Best `: no index, no context
  const m = CONTEXT.exec(line);
  return m ? contextName(m[1], Number(m[2])) : undefined;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The context word a key is (`fold`, `Seed`) or ends with (`Random seed`), or undefined. */
export function contextKey(key: string): ContextWord | undefined {
  const space = key.lastIndexOf(' ');
  return contextWord(space === -1 ? key : key.slice(space + 1));
}

/** The context `fold=2` opens, `fold 2`; none when the value is no index (`split=0.2`). */
export function contextOfValue(word: ContextWord, value: number): string | undefined {
  return Number.isInteger(value) && value >= 0 ? contextName(word, value) : undefined;
}

type ContextWord = NonNullable<ReturnType<typeof contextWord>>;
