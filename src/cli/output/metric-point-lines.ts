/**
 * The lines of `sweeptop metrics --json`, each exactly what JSON.stringify(versioned(METRICS_JSON,
 * 'point', …)) writes, made without building and stringifying an object per point: a long log
 * has millions. The text around the step and the value is taken once per metric and context from
 * a record built by the declaration itself, so the shape stays declared in one place.
 */
import type { ExtractedPoint } from '../../engine/metrics/extractor.js';
import { encodeNumber } from '../../plugin-api/json-number.js';
import { versioned } from './json-output.js';
import { METRICS_JSON } from './shapes.js';

/** Stand-ins for the step and the value in the template record: no name or context can hold a NUL. */
const STEP = '\u0000step';
const VALUE = '\u0000value';

/** A record's text before its step, between step and value, and after its value (with the newline). */
interface Template {
  head: string;
  middle: string;
  tail: string;
}

export class MetricPointLines {
  /** By name, by context. */
  private readonly templates = new Map<string, Map<string | undefined, Template>>();

  /** The point's line, with its newline. */
  line(point: ExtractedPoint): string {
    const template = this.template(point.name, point.context);
    return template.head + jsonNumber(point.step ?? 0) + template.middle + jsonValue(point.value) + template.tail;
  }

  private template(name: string, context: string | undefined): Template {
    let byContext = this.templates.get(name);
    if (byContext === undefined) this.templates.set(name, (byContext = new Map()));
    let template = byContext.get(context);
    if (template === undefined) {
      template = makeTemplate(name, context);
      byContext.set(context, template);
    }
    return template;
  }
}

function makeTemplate(name: string, context: string | undefined): Template {
  const record = versioned(METRICS_JSON, 'point', {
    name,
    step: STEP as unknown as number,
    value: VALUE as unknown as number,
    ...(context !== undefined && { context }),
  });
  const text = JSON.stringify(record);
  const step = JSON.stringify(STEP);
  const value = JSON.stringify(VALUE);
  const [head, rest, ...more] = text.split(step);
  const [middle, tail, ...others] = (rest ?? '').split(value);
  // the stand-ins appear once each, step before value, or the declaration changed: say so at once
  if (more.length > 0 || others.length > 0 || tail === undefined) throw new Error(`metrics --json: unexpected record layout ${text}`);
  return { head, middle, tail: `${tail}\n` };
}

/** As JSON.stringify writes a number (`null` for NaN and infinities). */
function jsonNumber(n: number): string {
  return Number.isFinite(n) ? `${n}` : JSON.stringify(n);
}

/** A metric value: NaN and infinities as the strings encodeNumber gives them. */
function jsonValue(n: number): string {
  return Number.isFinite(n) ? `${n}` : JSON.stringify(encodeNumber(n));
}
