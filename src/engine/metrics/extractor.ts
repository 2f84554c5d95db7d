/**
 * Turns a trial's output lines into metric points. The engine feeds one extractor per trial with
 * the lines of stdout and stderr; `sweeptop metrics` feeds one with the lines of a log file.
 *
 * Per line: clean it (ANSI, backspaces), let the parsers try it in order (the first that claims
 * it wins), add what the user's rules find, give each point a step, then decide whether it is
 * final or still being redrawn:
 * - a point is provisional when its line ended with `\r` (a progress bar redrawing itself) or its
 *   parser marked it in progress (Keras `54/1875`); it is held, one per metric name;
 * - a held point becomes final when the same metric is reported for another step (superseded),
 *   is dropped when the same metric and step is reported as final, and is flushed by `end()`.
 * So a bar redrawn 500 times for one epoch yields one point: the last value. A point without a
 * step of its own takes the step of the last header line (`Epoch 3/10`); an exact repeat of a
 * metric's last final point (a "best iteration" summary) is dropped.
 */
import { cleanLine } from '../logs/clean-line.js';
import type { LineEnding } from '../logs/line-splitter.js';
import type { LineParser, ParsedLine, ParsedPoint } from '../../../plugins/parsers/types.js';
import { applyMetricRules, type MetricRule } from './rules.js';
import { StepFiller } from './step-filler.js';

export interface ExtractedPoint {
  name: string;
  /** Null only without `fillSteps`, when neither the line nor a header gave a step. */
  step: number | null;
  /** May be NaN or ±Infinity. */
  value: number;
}

export interface MetricExtractorOptions {
  /** Tried in order on each line; the first that returns non-null claims it. */
  parsers: LineParser[];
  /** The sweep file's `metrics:` rules, applied to every line besides the parsers. */
  rules: MetricRule[];
  /**
   * True in a sweep: a point with no step takes the latest step seen in this output, or a
   * per-metric counter before any (see StepFiller). False for `sweeptop metrics`: it stays null.
   */
  fillSteps: boolean;
}

export interface PushResult {
  /** To record (and show the pruner) now. */
  final: ExtractedPoint[];
  /** In-progress values being redrawn, for display only. */
  provisional: ExtractedPoint[];
}

interface Held extends ExtractedPoint {
  /** The step is a counter value not yet used up (see StepFiller.counter). */
  counted: boolean;
}

/**
 * For each ASCII first character, the parsers (in order) whose `startsWith` hint allows it:
 * a line is offered only to parsers that could claim it, which is most of the cost saved.
 */
function dispatchTable(parsers: readonly LineParser[]): LineParser[][] {
  const table: LineParser[][] = [];
  for (let code = 0; code < 128; code++) {
    const char = String.fromCharCode(code);
    table.push(parsers.filter((parser) => parser.startsWith === undefined || parser.startsWith.includes(char)));
  }
  return table;
}

const NONE: readonly ExtractedPoint[] = Object.freeze([]);
const NOTHING: PushResult = Object.freeze({ final: NONE as ExtractedPoint[], provisional: NONE as ExtractedPoint[] });

export class MetricExtractor {
  /** The parsers to try for a line, by the char code of its first non-blank character (< 128). */
  private readonly byFirstChar: LineParser[][];
  private readonly parsers: LineParser[];
  private readonly rules: MetricRule[];
  private readonly filler: StepFiller | null;
  /** The step set by the last header line (`Epoch 3/10`), for points without their own. */
  private header: number | null = null;
  private readonly held = new Map<string, Held>();
  /** The last final point of each metric, to drop exact repeats (`Best iteration:` summaries). */
  private readonly lastFinal = new Map<string, { step: number | null; value: number }>();

  constructor(options: MetricExtractorOptions) {
    this.parsers = options.parsers;
    this.byFirstChar = dispatchTable(options.parsers);
    this.rules = options.rules;
    this.filler = options.fillSteps ? new StepFiller() : null;
  }

  /** One line as LineSplitter produced it (raw text, without its terminator) and how it ended. */
  push(text: string, ending: LineEnding): PushResult {
    if (text.length === 0) return NOTHING;
    const line = cleanLine(text);
    if (line.length === 0) return NOTHING; // a redraw erased by backspaces
    const points = this.parse(line);
    if (points === null) return NOTHING;
    const result: PushResult = { final: [], provisional: [] };
    for (const point of points) this.take(point, ending === 'return' || point.inProgress === true, result);
    return result;
  }

  /** The output ended (the trial exited, the file was read): held values are final now. */
  end(): ExtractedPoint[] {
    const final: ExtractedPoint[] = [];
    for (const held of this.held.values()) this.commit(held.name, held.step, held.value, held.counted, final);
    this.held.clear();
    return final;
  }

  private parse(line: string): ParsedPoint[] | null {
    let parsed: ParsedLine | null = null;
    let start = 0;
    for (let c = line.charCodeAt(0); c === 32 || c === 9; c = line.charCodeAt(++start));
    const first = line.charCodeAt(start);
    for (const parser of first < 128 ? this.byFirstChar[first] : this.parsers) {
      try {
        parsed = parser.parse(line);
      } catch {
        parsed = null; // a broken plugin must not stop the trial's metrics
      }
      if (parsed !== null) break;
    }
    if (parsed?.header !== undefined) {
      this.header = parsed.header;
      this.filler?.saw(parsed.header);
    }
    if (this.rules.length === 0) return parsed === null || parsed.points.length === 0 ? null : parsed.points;
    const byRules = applyMetricRules(this.rules, line);
    if (byRules.length === 0) return parsed === null || parsed.points.length === 0 ? null : parsed.points;
    // the user's rule wins over a parser's reading of the same name, and shares the line's step
    const ruled = new Set(byRules.map((p) => p.name));
    const parserPoints = parsed?.points ?? [];
    const lineStep = parserPoints.find((p) => p.step !== null)?.step ?? null;
    for (const point of byRules) point.step ??= lineStep;
    return [...parserPoints.filter((p) => !ruled.has(p.name)), ...byRules];
  }

  private take(point: ParsedPoint, provisional: boolean, result: PushResult): void {
    const { name, value } = point;
    let step = point.step ?? this.header;
    let counted = false;
    if (step !== null) {
      this.filler?.saw(step);
    } else if (this.filler) {
      step = this.filler.latest;
      if (step === null) {
        // a value still being redrawn keeps its counter value until it is final
        step = this.filler.counter(name, !provisional);
        counted = provisional;
      }
    }
    const held = this.held.size === 0 ? undefined : this.held.get(name);
    if (held && held.step !== step) this.commit(held.name, held.step, held.value, held.counted, result.final);
    if (provisional) {
      this.held.set(name, { name, step, value, counted });
      result.provisional.push({ name, step, value });
      return;
    }
    if (held) this.held.delete(name);
    this.commit(name, step, value, false, result.final);
  }

  private commit(name: string, heldStep: number | null, value: number, counted: boolean, out: ExtractedPoint[]): void {
    const step = counted ? this.filler!.counter(name, true) : heldStep;
    const last = this.lastFinal.get(name);
    if (last === undefined) {
      this.lastFinal.set(name, { step, value });
    } else if (last.step === step && Object.is(last.value, value)) {
      return;
    } else {
      last.step = step;
      last.value = value;
    }
    out.push({ name, step, value });
  }
}
