/**
 * Keras `model.fit` output, Keras 2 and 3, verbose 1 and 2:
 *
 *   Epoch 3/10
 *   1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 1ms/step - accuracy: 0.9130 - loss: 0.3010 - val_accuracy: …
 *   1875/1875 [==============================] - 3s 1ms/step - loss: 0.2946 - accuracy: 0.9140
 *   1875/1875 - 3s - 2ms/step - accuracy: 0.9130 - loss: 0.3010          (verbose=2)
 *    - 3s - loss: 0.2946 - acc: 0.9140                                    (old verbose=2)
 *
 * Names are the keys as printed (`loss`, `val_accuracy`); timings and `ETA` are skipped. The step
 * is the epoch of the `Epoch N/M` header (1-based, as printed). A line before the epoch's count is
 * reached (`54/1875`) is in progress. A progress line outside an epoch (`model.evaluate` after
 * `fit`) reports the same keys in another context: they are named `evaluate/loss`, …
 * Keras 2 redraws with `\b…\b\r`; cleanLine moves the cursor back as a terminal does, so each
 * redraw keeps its text. A line still showing an `ETA` is a redraw in progress even at `5/5`:
 * only the line with the epoch's timing (`- 0s 7ms/step -`) closes the epoch.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { endsToken, numberAt } from './lib/number-at.js';
import { Needle } from './lib/needle.js';

const HEADER = /^Epoch (\d+)\/(\d+)\s*$/;
const COUNTER = /^\s*(\d+)\/(\d+|Unknown)\s+(?:\[[=>.]*\]|━+|-\s|\d)/;
const OLD_VERBOSE_2 = /^\s*-\s+\d+s\s+-\s/;
const SEGMENT = new Needle(' - ');
const COLON = new Needle(': ');
const ETA = new Needle(' - ETA:', 'E'); // `-` starts every segment; `E` is rare

export class KerasParser {
  readonly startsWith = 'E-0123456789';
  /** The epoch whose header was seen and whose last line was not yet. */
  private epoch: number | null = null;

  parse(line: string): ParsedLine | null {
    const first = line.charCodeAt(0);
    if (first === 69 /* E */) {
      // most lines opening with `E` are other formats' (`Epoch 3:  45%|…`): HEADER needs `Epoch N/`
      if (!opensHeader(line)) return null;
      const header = HEADER.exec(line);
      if (!header) return null;
      this.epoch = Number(header[1]);
      return { points: [], header: this.epoch, progress: { done: this.epoch - 1, total: Number(header[2]) } };
    }
    let start = 0;
    while (line.charCodeAt(start) === 32) start++;
    const c = line.charCodeAt(start);
    if (!(c >= 48 && c <= 57) && c !== 45 /* - */) return null;
    if (SEGMENT.indexIn(line) === -1) return null;
    const counter = COUNTER.exec(line);
    if (!counter && !OLD_VERBOSE_2.test(line)) return null;
    const done = counter ? Number(counter[1]) : NaN;
    const total = counter ? Number(counter[2]) : NaN; // NaN for `Unknown`
    const eta = ETA.indexIn(line) !== -1;
    const inProgress = eta || done < total;
    const step = this.epoch;
    const prefix = step === null ? 'evaluate/' : '';
    // the epoch's last line closes it; with an `Unknown` count it stays open until the next header
    if (!eta && (!counter || done >= total)) this.epoch = null;
    const points: ParsedPoint[] = [];
    // ` - name: value` segments; scanned by hand, as this runs for every line of a long fit
    for (let at = SEGMENT.indexIn(line); at !== -1; at = SEGMENT.indexIn(line, at + 3)) {
      const nameStart = at + 3;
      const colon = COLON.indexIn(line, nameStart);
      if (colon === -1) break;
      if (!isMetricName(line, nameStart, colon) || (colon - nameStart === 3 && line.startsWith('ETA', nameStart))) continue;
      const name = line.slice(nameStart, colon);
      let valueStart = colon + 2;
      while (line.charCodeAt(valueStart) === 32) valueStart++;
      const number = numberAt(line, valueStart);
      if (!number || !endsToken(line, number.end)) continue;
      const point: ParsedPoint = { name: prefix + name, step, value: number.value };
      if (inProgress) point.inProgress = true;
      points.push(point);
    }
    return { points };
  }
}

/** `Epoch ` then digits then `/`: what HEADER needs before it can match, checked without it. */
function opensHeader(line: string): boolean {
  if (!line.startsWith('Epoch ')) return false;
  let i = 6;
  while (isDigit(line.charCodeAt(i))) i++;
  return i > 6 && line.charCodeAt(i) === 47; // '/'
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `line[from, to)` is a metric's name: `[A-Za-z_][\w./@-]*`. Checked in place, as most segments
 * before a `: ` are timings (`3s 1ms/step - loss`), not names.
 */
function isMetricName(line: string, from: number, to: number): boolean {
  if (from >= to || !isNameStart(line.charCodeAt(from))) return false;
  for (let i = from + 1; i < to; i++) {
    const c = line.charCodeAt(i);
    // digits, `_` (via isNameStart), `.`, `/`, `@`, `-`
    if (!isNameStart(c) && !(c >= 48 && c <= 57) && c !== 46 && c !== 47 && c !== 64 && c !== 45) return false;
  }
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

const plugin: ParserPlugin = {
  name: 'keras',
  kind: 'parser',
  description: 'Keras model.fit (`Epoch 3/10`, `1875/1875 … - loss: 0.41 - val_loss: 0.45`)',
  create: () => new KerasParser(),
};
export default plugin;
