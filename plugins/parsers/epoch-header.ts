/**
 * Header lines that announce the step of the lines after them: `Epoch 3/10`, `Epoch 3`,
 * `=== Epoch 3 ===`, `[Epoch 3 of 10]`, `-- Step 300 --`. The line itself has no metrics; points
 * of later lines that report no step get this one (until the next header).
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';

const HEADER = /^[\s\-=#*[<>|~]*(?:epoch|step|iteration|iter)\s*[:#]?\s*(\d+(?:\.\d+)?)\s*(?:(?:\/|of)\s*\d+)?[\s\-=#*\]<>|~:]*$/i;

export function parseEpochHeader(line: string): ParsedLine | null {
  if (line.length > 60) return null;
  const m = HEADER.exec(line);
  return m ? { points: [], header: Number(m[1]) } : null;
}

const plugin: ParserPlugin = {
  name: 'epoch-header',
  kind: 'parser',
  description: 'header lines such as `Epoch 3/10` or `=== Epoch 3 ===`, giving the step of the lines after them',
  create: () => ({ parse: parseEpochHeader, startsWith: 'eEsSiI-=#*[<>|~' }),
};
export default plugin;
