/**
 * Python dict reprs printed by `print(logs)`, as the Hugging Face Trainer does:
 * `{'loss': 0.51, 'grad_norm': 1.23, 'learning_rate': 4.9e-05, 'epoch': 0.5}`. The step is a
 * step/epoch key of the dict; the Trainer prints only `epoch`, so its steps are fractional epochs.
 * A dict after a configuration label (`args: {'lr': 0.001, 'optimizer': 'adam'}`) is echoed
 * configuration, not metrics (see echoed-config.ts).
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { lineFromObject, objectSpan } from '../../src/plugin-api/object-points.js';
import { echoedFromObject, isConfigLabel } from '../../src/plugin-api/echoed-config.js';
import { readPythonConfig, readPythonDict } from './lib/python-literal.js';

export function parsePythonDictLine(line: string): ParsedLine | null {
  const span = objectSpan(line);
  if (!span) return null;
  const text = line.slice(span.start, span.end);
  if (span.start > 0 && isConfigLabel(line, span.start)) {
    const config = readPythonConfig(text);
    return config ? { points: [], echoed: echoedFromObject(config) } : null;
  }
  const dict = readPythonDict(text);
  return dict ? lineFromObject(dict) : null;
}

const plugin: ParserPlugin = {
  name: 'python-dict',
  kind: 'parser',
  description: "Python dict reprs, e.g. the Hugging Face Trainer's `{'loss': 0.51, 'epoch': 0.5}`; `args: {…}` is echoed configuration",
  create: () => ({ parse: parsePythonDictLine, endsWith: '}' }),
};
export default plugin;
