/**
 * Header lines that announce the step of the lines after them: `Epoch 3/10`, `Epoch 3`,
 * `=== Epoch 3 ===`, `[Epoch 3 of 10]`, `-- Step 300 --`. The line itself has no metrics; points
 * of later lines that report no step get this one (until the next header). Header lines of a
 * context (`Fold 3/5`, `=== Fold 3 ===`, `----- split 2 -----`, `Seed 1`) open it instead, for
 * the lines after them (see metric-names.ts).
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { contextName } from '../../src/plugin-api/metric-names.js';

const HEADER = /^[\s\-=#*[<>|~]*(?:epoch|step|iteration|iter)\s*[:#]?\s*(\d+(?:\.\d+)?)\s*(?:(?:\/|of)\s*(\d+))?[\s\-=#*\]<>|~:]*$/i;
// apart from HEADER, and tried only after it fails: capturing which word matched would slow
// HEADER down on every `epoch=3 …` line it is offered
const CONTEXT_HEADER = /^[\s\-=#*[<>|~]*(fold|split|seed)\s*[:#]?\s*(\d+)\s*(?:(?:\/|of)\s*\d+)?[\s\-=#*\]<>|~:]*$/i;

export function parseEpochHeader(line: string): ParsedLine | null {
  if (line.length > 60 || !mayOpenWithWord(line)) return null;
  const step = HEADER.exec(line);
  if (step) {
    const header = Number(step[1]);
    const total = step[2] === undefined ? NaN : Number(step[2]);
    // `Epoch 3/10` opens epoch 3: two of ten are done
    return total > 0 ? { points: [], header, progress: { done: Math.max(0, header - 1), total } } : { points: [], header };
  }
  if (!opensWithContextLetter(line)) return null;
  const context = CONTEXT_HEADER.exec(line);
  return context ? { points: [], context: contextName(context[1], Number(context[2])) } : null;
}

/**
 * After the decoration, the first letter of a word HEADER or CONTEXT_HEADER names (epoch, step,
 * iter…, fold, split, seed), or a character past ASCII (which may be more white space): lines
 * of spaces (a progress bar clearing its line) and most others are ruled out without the regexes.
 */
function mayOpenWithWord(line: string): boolean {
  let i = 0;
  while (i < line.length && DECORATION_OR_SPACE.includes(line[i])) i++;
  if (i === line.length) return false;
  const c = line.charCodeAt(i);
  return c >= 128 || WORD_INITIALS.includes(line[i]);
}

const DECORATION_OR_SPACE = ' \t\n\v\f\r-=#*[<>|~';
const WORD_INITIALS = 'eEsSiIfF';

/**
 * `f` or `s` after the decoration, and no `=` before a value (`fold 2: accuracy=0.9`, `final
 * val_loss=0.4`): the line may be a header naming a fold, a split or a seed.
 */
function opensWithContextLetter(line: string): boolean {
  let i = 0;
  while (DECORATION.includes(line[i] ?? 'x')) i++;
  const c = line.charCodeAt(i) | 32;
  if (c !== 102 && c !== 115) return false; // f s
  const equals = line.indexOf('=', i);
  return equals === -1 || !isValueStart(line.charCodeAt(equals + 1));
}

function isValueStart(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

const DECORATION = ' \t-=#*[<>|~';

const plugin: ParserPlugin = {
  name: 'epoch-header',
  kind: 'parser',
  description: 'header lines such as `Epoch 3/10` or `=== Fold 3 ===`, giving the step or the context of the lines after them',
  create: () => ({ parse: parseEpochHeader, startsWith: 'eEsSiIfF-=#*[<>|~' }),
};
export default plugin;
