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
 *
 * A line that opens a context (`fold 3`, see plugin-api/metric-names.ts) gives it to its points
 * and to the following lines' points until the next one; everything above is kept per context,
 * so fold 2's epoch 1 does not supersede fold 1's. Configuration the parsers found echoed
 * (`args: {…}`) is collected apart: it is never a point.
 */
import { cleanLine } from '../logs/clean-line.js';
import type { LineEnding } from '../logs/line-splitter.js';
import type { EchoedValue, LineParser, ParsedLine, ParsedPoint, Progress } from '../../plugin-api/parser.js';
import { applyMetricRules, type MetricRule } from './rules.js';
import { StepFiller } from './step-filler.js';

export interface ExtractedPoint {
  name: string;
  /** Null only without `fillSteps`, when neither the line nor a header gave a step. */
  step: number | null;
  /** May be NaN or ±Infinity. */
  value: number;
  /** The fold, split or seed it belongs to (`fold 3`); absent outside any. */
  context?: string;
  /**
   * No step had been seen in the output yet and the line gave none: a value printed before
   * training (`train samples: 1437`), which PointTriage may keep apart.
   */
  beforeFirstStep?: true;
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
  /** Configuration the line echoed (`args: {'lr': 0.001}`), if any. */
  echoed?: Record<string, EchoedValue>;
}

interface Held extends ExtractedPoint {
  /** The step is a counter value not yet used up (see StepFiller.counter). */
  counted: boolean;
  /** What the extractor keeps of its metric, in its context. */
  memory: MetricMemory;
}

/** What the extractor keeps of one metric; one lookup per point finds it. */
interface MetricMemory {
  /** Its value still being redrawn, if any (also in `held`, which keeps their order). */
  held: Held | null;
  /** Its last final point, to drop exact repeats (`Best iteration:` summaries). */
  hasFinal: boolean;
  finalStep: number | null;
  finalValue: number;
}

const NONE: readonly ExtractedPoint[] = Object.freeze([]);
const NOTHING: PushResult = Object.freeze({ final: NONE as ExtractedPoint[], provisional: NONE as ExtractedPoint[], echoed: undefined });

export class MetricExtractor {
  private readonly dispatch: ParserDispatch;
  private readonly rules: MetricRule[];
  private readonly filler: StepFiller | null;
  /** The step set by the last header line (`Epoch 3/10`), for points without their own. */
  private header: number | null = null;
  /** The context opened by the last context line (`fold 3`), for this and following lines' points. */
  private context: string | undefined = undefined;
  private echoed: Record<string, EchoedValue> | undefined = undefined;
  /** The last progress a line announced (`Epoch 3/10`); a new object for each such line. */
  progress: Progress | null = null;
  /** The values being redrawn, in the order `end()` flushes them. */
  private readonly held = new Set<Held>();
  /** Per context (undefined outside any), per metric name. */
  private readonly memories = new Map<string | undefined, Map<string, MetricMemory>>();
  /** The memories of the context the last point was in: a context spans many lines. */
  private memoryContext: string | undefined = undefined;
  private contextMemory: Map<string, MetricMemory> | undefined = undefined;

  constructor(options: MetricExtractorOptions) {
    this.dispatch = new ParserDispatch(options.parsers);
    this.rules = options.rules;
    this.filler = options.fillSteps ? new StepFiller() : null;
  }

  /** One line as LineSplitter produced it (raw text, without its terminator) and how it ended. */
  push(text: string, ending: LineEnding): PushResult {
    if (text.length === 0) return NOTHING;
    const line = cleanLine(text);
    if (line.length === 0) return NOTHING; // a redraw erased by backspaces
    this.echoed = undefined;
    const points = this.parse(line);
    if (points === null) return this.echoed === undefined ? NOTHING : { final: [], provisional: [], echoed: this.echoed };
    const result: PushResult = { final: [], provisional: [], echoed: this.echoed };
    for (const point of points) this.take(point, ending === 'return' || point.inProgress === true, result);
    return result;
  }

  /** The output ended (the trial exited, the file was read): held values are final now. */
  end(): ExtractedPoint[] {
    const final: ExtractedPoint[] = [];
    for (const held of this.held) {
      held.memory.held = null;
      this.release(held, final);
    }
    this.held.clear();
    return final;
  }

  private parse(line: string): ParsedPoint[] | null {
    let parsed: ParsedLine | null = null;
    for (const parser of this.dispatch.parsersFor(line)) {
      try {
        parsed = parser.parse(line);
      } catch {
        parsed = null; // a broken plugin must not stop the trial's metrics
      }
      if (parsed !== null) break;
    }
    if (parsed !== null) {
      if (parsed.header !== undefined) {
        this.header = parsed.header;
        this.filler?.saw(parsed.header);
      }
      if (parsed.context !== undefined) this.context = parsed.context;
      if (parsed.progress !== undefined) this.progress = parsed.progress;
      if (parsed.echoed !== undefined) this.echoed = parsed.echoed;
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
    const context = this.context;
    let step = point.step ?? this.header;
    let counted = false;
    let beforeFirstStep = false;
    if (step !== null) {
      this.filler?.saw(step);
    } else if (this.filler) {
      step = this.filler.latest;
      if (step === null) {
        // a value still being redrawn keeps its counter value until it is final
        step = this.filler.counter(name, !provisional);
        counted = provisional;
        beforeFirstStep = true;
      }
    }
    const memory = this.memoryOf(context, name);
    const held = memory.held;
    if (held && held.step !== step) this.release(held, result.final);
    // every point built with the same fields in the same order (absent ones undefined): one
    // object shape keeps the code that reads them fast, on a path taken for every metric printed
    const shape: ExtractedPoint = { name, step, value, context, beforeFirstStep: beforeFirstStep ? true : undefined };
    if (provisional) {
      if (held) {
        // redrawn in place: it keeps its turn in the order end() flushes
        held.step = step;
        held.value = value;
        held.beforeFirstStep = shape.beforeFirstStep;
        held.counted = counted;
      } else {
        memory.held = { name, step, value, context, beforeFirstStep: shape.beforeFirstStep, counted, memory };
        this.held.add(memory.held);
      }
      result.provisional.push(shape);
      return;
    }
    if (held) {
      memory.held = null;
      this.held.delete(held);
    }
    this.commit(memory, shape, result.final);
  }

  /** A held value becomes final: at its step, or at the counter value it was waiting for. */
  private release(held: Held, out: ExtractedPoint[]): void {
    const step = held.counted ? this.filler!.counter(held.name, true) : held.step;
    this.commit(
      held.memory,
      { name: held.name, step, value: held.value, context: held.context, beforeFirstStep: held.beforeFirstStep },
      out,
    );
  }

  private commit(memory: MetricMemory, point: ExtractedPoint, out: ExtractedPoint[]): void {
    if (memory.hasFinal && memory.finalStep === point.step && Object.is(memory.finalValue, point.value)) return;
    memory.hasFinal = true;
    memory.finalStep = point.step;
    memory.finalValue = point.value;
    out.push(point);
  }

  private memoryOf(context: string | undefined, name: string): MetricMemory {
    if (this.contextMemory === undefined || context !== this.memoryContext) {
      this.memoryContext = context;
      this.contextMemory = this.memories.get(context);
      if (this.contextMemory === undefined) this.memories.set(context, (this.contextMemory = new Map()));
    }
    let memory = this.contextMemory.get(name);
    if (memory === undefined) {
      memory = { held: null, hasFinal: false, finalStep: null, finalValue: 0 };
      this.contextMemory.set(name, memory);
    }
    return memory;
  }
}

/** How many lists ParserDispatch keeps for lines that do not both start and end in ASCII. */
const OTHER_ENDS_KEPT = 1024;

/**
 * Which parsers a line is offered to, by their `startsWith` and `endsWith` hints and the line's
 * first and last non-blank characters: only to those that could claim it, which saves most of
 * the cost of auto-detection. Each list is made once, for the first line with those characters.
 */
class ParserDispatch {
  /** By first, then last character (both ASCII): the parsers to try, in order. */
  private readonly byEnds: Array<Array<LineParser[] | undefined> | undefined> = [];
  /**
   * The same for blank lines and lines with a character past ASCII at either end (`┃ … ┃`,
   * `… 45%|████▌`), by a number made of both characters; a progress bar clearing its line prints
   * spaces, thousands of times in a long log. At most OTHER_ENDS_KEPT of them are kept.
   */
  private readonly byOtherEnds = new Map<number, LineParser[]>();

  constructor(private readonly parsers: readonly LineParser[]) {}

  parsersFor(line: string): readonly LineParser[] {
    let start = 0;
    for (let c = line.charCodeAt(0); c === 32 || c === 9; c = line.charCodeAt(++start));
    let end = line.length - 1;
    for (let c = line.charCodeAt(end); end > start && (c === 32 || c === 9); c = line.charCodeAt(--end));
    const first = line.charCodeAt(start);
    const last = line.charCodeAt(end);
    if (!(first < 128 && last < 128)) return this.forOtherEnds(first, last);
    const byLast = (this.byEnds[first] ??= []);
    return (byLast[last] ??= this.allowed(first, last));
  }

  private forOtherEnds(first: number, last: number): readonly LineParser[] {
    // NaN (no character: a blank line) is 0, every UTF-16 code unit one more than itself
    const key = (Number.isNaN(first) ? 0 : first + 1) * 0x10001 + (Number.isNaN(last) ? 0 : last + 1);
    let parsers = this.byOtherEnds.get(key);
    if (parsers === undefined) {
      parsers = this.allowed(first, last);
      if (this.byOtherEnds.size < OTHER_ENDS_KEPT) this.byOtherEnds.set(key, parsers);
    }
    return parsers;
  }

  /**
   * The hints name ASCII characters: a line that starts with another character (or is blank)
   * goes to every parser whatever its `startsWith`. `endsWith` is always respected.
   */
  private allowed(first: number, last: number): LineParser[] {
    const firstChar = first < 128 ? String.fromCharCode(first) : undefined;
    const lastChar = Number.isNaN(last) ? undefined : String.fromCharCode(last);
    return this.parsers.filter(
      (parser) =>
        (parser.startsWith === undefined || firstChar === undefined || parser.startsWith.includes(firstChar)) &&
        (parser.endsWith === undefined || (lastChar !== undefined && parser.endsWith.includes(lastChar))),
    );
  }
}
