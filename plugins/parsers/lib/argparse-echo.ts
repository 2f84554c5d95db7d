/**
 * argparse's echo of a script's arguments, `Namespace(lr=0.001, batch_size=64, optimizer='adam')`
 * (as `print(args)` writes it, also after a logging prefix): echoed configuration, never metrics.
 */
import type { ParsedLine } from '../../../src/plugin-api/parser.js';
import { echoedFromObject } from '../../../src/plugin-api/echoed-config.js';
import { readPythonKeywords } from './python-literal.js';

const NAMESPACE = 'Namespace(';

/** The line as echoed configuration, or null when it holds no Namespace(…) closing it. */
export function parseArgparseEcho(line: string): ParsedLine | null {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (line.charCodeAt(end - 1) !== 41) return null; // )
  const at = line.indexOf(NAMESPACE);
  if (at === -1 || (at > 0 && isNameChar(line.charCodeAt(at - 1)))) return null;
  const keywords = readPythonKeywords(line.slice(at, end));
  return keywords ? { points: [], echoed: echoedFromObject(keywords) } : null;
}

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}
