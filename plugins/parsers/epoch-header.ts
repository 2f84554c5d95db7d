/**
 * Header lines that announce the step of the lines after them: `Epoch 3/10`, `Epoch 3`,
 * `=== Epoch 3 ===`, `[Epoch 3 of 10]`, `-- Step 300 --`. The line itself has no metrics; points
 * of later lines that report no step get this one (until the next header). Header lines of a
 * context (`Fold 3/5`, `=== Fold 3 ===`, `----- split 2 -----`, `Seed 1`) open it instead, for
 * the lines after them (see metric-names.ts).
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { contextName } from '../../src/plugin-api/metric-names.js';

const HEADER = /^[\s\-=#*[<>|~]*(?:(epoch|step|iteration|iter)|(fold|split|seed))\s*[:#]?\s*(\d+(?:\.\d+)?)\s*(?:(?:\/|of)\s*\d+)?[\s\-=#*\]<>|~:]*$/i;

export function parseEpochHeader(line: string): ParsedLine | null {
  if (line.length > 60) return null;
  const m = HEADER.exec(line);
  if (!m) return null;
  const index = Number(m[3]);
  if (m[1] !== undefined) return { points: [], header: index };
  return Number.isInteger(index) ? { points: [], context: contextName(m[2], index) } : null;
}

const plugin: ParserPlugin = {
  name: 'epoch-header',
  kind: 'parser',
  description: 'header lines such as `Epoch 3/10` or `=== Fold 3 ===`, giving the step or the context of the lines after them',
  create: () => ({ parse: parseEpochHeader, startsWith: 'eEsSiIfF-=#*[<>|~' }),
};
export default plugin;
