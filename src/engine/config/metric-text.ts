/**
 * The sweep file's text with another objective, for `rescore`. A sweep directory keeps the text
 * its sweep runs from, and `resume` parses that text again, so the objective must change in the
 * text itself, not only in sweep.json's parsed copy. Only the value of `metric:` is replaced:
 * every other byte (comments, order, quoting) stays as the user wrote it.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, type Node } from 'yaml';
import type { ObjectiveSpec } from '../metrics/objective.js';

/** A metric name that YAML reads as itself without quotes, in a flow mapping. */
const PLAIN_NAME = /^[A-Za-z_][\w./-]*$/;

export function withMetric(text: string, spec: ObjectiveSpec): string {
  const node = parseDocument(text).get('metric', true) as Node | undefined;
  // a stored sweep file was checked when it ran: it has a metric
  if (!node?.range) throw new Error('the sweep file has no metric to replace');
  const [start, end] = node.range;
  // a block mapping's range takes the line break after it, which must stay
  const replacedEnd = start + text.slice(start, end).trimEnd().length;
  const name = PLAIN_NAME.test(spec.name) ? spec.name : JSON.stringify(spec.name);
  const written = `{name: ${name}, goal: ${spec.goal}, value: ${spec.value}, combine: ${spec.combine}}`;
  const changed = text.slice(0, start) + written + text.slice(replacedEnd);
  const reread: unknown = parseDocument(changed).toJS();
  const wanted = { name: spec.name, goal: spec.goal, value: spec.value, combine: spec.combine };
  if (!isDeepStrictEqual((reread as { metric?: unknown } | null)?.metric, wanted))
    throw new Error(`replacing the metric in the sweep file's text did not give ${JSON.stringify(wanted)}`);
  return changed;
}
