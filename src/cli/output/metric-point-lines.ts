/**
 * The lines of `sweeptop metrics --json`, each exactly what JSON.stringify(versioned(METRICS_JSON,
 * 'point', …)) writes, made from a PointCollector's columns without an object per point: a long
 * log has millions. The text around the step and the value is taken once per metric and context from
 * a record built by the declaration itself, so the shape stays declared in one place.
 */
import type { PointCollector } from '../../engine/metrics/point-collector.js';
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

/** The lines of one collector's entries (templates are kept by its name and context numbers). */
export class MetricPointLines {
  /** By context id, by name id. */
  private readonly templates: Template[][] = [];

  constructor(private readonly points: PointCollector) {}

  /** The line of the collector's entry `entry`, with its newline. */
  line(entry: number): string {
    const points = this.points;
    const byName = (this.templates[points.contextId(entry)] ??= []);
    const template = (byName[points.nameId(entry)] ??= makeTemplate(points.name(entry), points.context(entry)));
    return template.head + jsonNumber(points.step(entry) ?? 0) + template.middle + jsonValue(points.value(entry)) + template.tail;
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
