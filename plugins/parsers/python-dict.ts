/**
 * Python dict reprs printed by `print(logs)`, as the Hugging Face Trainer does:
 * `{'loss': 0.51, 'grad_norm': 1.23, 'learning_rate': 4.9e-05, 'epoch': 0.5}`. The step is a
 * step/epoch key of the dict; the Trainer prints only `epoch`, so its steps are fractional epochs.
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { lineFromObject, objectSpan } from '../../src/plugin-api/object-points.js';
import { readPythonDict } from './lib/python-literal.js';

export function parsePythonDictLine(line: string): ParsedLine | null {
  const span = objectSpan(line);
  if (!span) return null;
  const dict = readPythonDict(line.slice(span.start, span.end));
  return dict ? lineFromObject(dict) : null;
}

const plugin: ParserPlugin = {
  name: 'python-dict',
  kind: 'parser',
  description: "Python dict reprs, e.g. the Hugging Face Trainer's `{'loss': 0.51, 'epoch': 0.5}`",
  create: () => ({ parse: parsePythonDictLine, endsWith: '}' }),
};
export default plugin;
