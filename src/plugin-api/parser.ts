/**
 * The parser interface. A parser recognises one output format (Keras, tqdm, XGBoost…) line by
 * line and returns the metrics in it. The engine creates one instance per trial, so a parser may
 * keep state between lines (the `Epoch 3/10` header it saw last, the columns of a table).
 *
 * A user's plugin module exports parsers of exactly this shape:
 *
 *   export default {
 *     name: 'myformat', kind: 'parser', description: 'lines like `val acc 0.91 @ 300`',
 *     create: (_options, { parseNumber }) => ({
 *       parse(line) {
 *         const m = /^val acc (\S+) @ (\d+)$/.exec(line);
 *         if (!m) return null;                     // not mine: the next parser tries
 *         const value = parseNumber(m[1]);
 *         return { points: value === undefined ? [] : [{ name: 'val_acc', step: Number(m[2]), value }] };
 *       },
 *     }),
 *   };
 */
import type { Plugin } from './plugin.js';

/** One value a parser found in a line. */
export interface ParsedPoint {
  /** The key as the format prints it (`val_loss`, `validation_0-logloss`, `valid_0's l2`). */
  name: string;
  /** The epoch / iteration / step the line itself reports; null when it reports none. */
  step: number | null;
  /** May be NaN or ±Infinity when the line says `nan` / `inf`. */
  value: number;
  /**
   * The value is a running figure that will be printed again for the same step (Keras `54/1875`
   * mid-epoch): it is held back as provisional even if its line ends with `\n`, and recorded once
   * the step moves on, the same name is reported as finished, or the output ends.
   */
  inProgress?: boolean;
}

export interface ParsedLine {
  points: ParsedPoint[];
  /**
   * Set by header lines such as `Epoch 3/10`: the step given to points of following lines that
   * report no step of their own, until the next header.
   */
  header?: number;
  /**
   * Set by lines that open one of several trainings in one process (`fold 3`, `Fold 3/5`,
   * `fold=3`, `split 3`, `seed 3`; see contextName in metric-names.ts): the context of this
   * line's points and of following lines' points, until the next such line. Points are kept
   * per context, so each fold keeps its own curve.
   */
  context?: string;
  /**
   * How far the training is, when the line says it with its total: `Epoch 3/10` (opening epoch 3) →
   * `{ done: 2, total: 10 }`, a tqdm bar counting the training's steps `45/100`. The engine estimates the
   * trial's time to go from it.
   */
  progress?: Progress;
  /**
   * Configuration the script printed (`args: {'lr': 0.001}`, `config: {…}`, `hparams: …`):
   * recorded as the trial's echoed configuration, apart from its metrics.
   */
  echoed?: Record<string, EchoedValue>;
}

/** Steps done out of a known total. */
export interface Progress {
  done: number;
  total: number;
}

/** A value of an echoed configuration, as printed. */
export type EchoedValue = number | string | boolean | null;

export interface LineParser {
  /**
   * `line` is one line as a person would read it on the terminal: no terminator, ANSI escapes
   * removed, backspaces applied (see src/engine/logs/clean-line.ts).
   * Returns null when the line is not in this format, so that the next parser can try it;
   * `{ points: [] }` claims the line with nothing to report (a header, a warning of this
   * framework). Must be cheap for lines that are not in the format (test a first character or
   * an `indexOf` before any regular expression) and must not throw.
   */
  parse(line: string): ParsedLine | null;
  /**
   * Optional speed hint: every character the first non-blank character of a line this parser
   * claims (or needs to see for its state) can be — `'['` for XGBoost's `[10]\t…`. The
   * extractor then does not call the parser for other lines. Leave it out if any line may be yours.
   */
  readonly startsWith?: string;
  /**
   * Optional speed hint, as `startsWith` for the end of a line: every character the last
   * non-blank character of a line this parser claims (or needs to see) can be — `'}'` for JSON
   * objects. Leave it out if a line may end any way.
   */
  readonly endsWith?: string;
}

/** What `create(options, context)` receives besides the options. */
export interface ParserContext {
  /**
   * Parses a number the way every built-in parser does: `0.41`, `-1.2e-05`, `.5`, `nan`,
   * `inf`, `-inf`, `NaN`, `Infinity`; undefined for anything else.
   */
  parseNumber(text: string): number | undefined;
}

export type ParserPlugin = Plugin<'parser', LineParser, ParserContext>;
