/**
 * Logs for the parser bench, written by the fixtures' own format imitations (fixtures/lib/formats)
 * rather than by templates: the training loop of fixtures/train.mjs run without its sleeps, on a
 * clock that advances by a seeded amount per step, so the same seed writes the same bytes.
 *
 * - the progress-bar mix: mostly Keras (`\b…\b\r` redraws), tqdm and Lightning bars (`\r`
 *   redraws), with Hugging Face, kv, JSON, XGBoost, PyTorch and nanoGPT runs between them, as a
 *   day of `2>&1` logs of real frameworks looks;
 * - plain `key=value` lines: the kv format alone (`epoch=3 loss=0.41 val_loss=0.45 …`).
 *
 * A "line" here is what `grep -c .` and `wc -l` count: text up to `\n`, however many `\r` redraws
 * it holds.
 */
import { writeFileSync } from 'node:fs';
// the fixtures are plain JavaScript with no declarations: typed here by what the bench uses
// @ts-expect-error no declaration file
import { parseArgs } from '../../fixtures/lib/args.mjs';
// @ts-expect-error no declaration file
import { createCurve } from '../../fixtures/lib/curve.mjs';
// @ts-expect-error no declaration file
import { createFormat } from '../../fixtures/lib/formats/index.mjs';
import { seededRandom } from '../../scripts/lib/seeded-random.js';

interface Format {
  begin(): void;
  epochStart(epoch: number): void;
  step(epoch: number, step: number, partial: unknown): void;
  epochEnd(metrics: unknown): void;
  end(history: unknown[]): void;
}
interface Curve {
  step(epoch: number, step: number, steps: number): unknown;
  epoch(epoch: number): unknown;
}

/** Which formats a mix draws its runs from, and how often (weights, not percentages). */
export type Weights = Readonly<Record<string, number>>;

export const PROGRESS_MIX: Weights = { keras: 45, tqdm: 25, lightning: 10, hf: 8, kv: 4, json: 2, xgboost: 2, pytorch: 2, nanogpt: 2 };
export const KV_ONLY: Weights = { kv: 1 };

function pick(weights: Weights, r: number): string {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let at = r * total;
  for (const [name, weight] of Object.entries(weights)) {
    at -= weight;
    if (at < 0) return name;
  }
  return Object.keys(weights)[0];
}

/** One training run's output (stdout and stderr as `2>&1` interleaves them). */
function run(format: string, next: () => number, seed: number): string {
  const argv = [
    ['--format', format],
    ['--seed', String(seed)],
    ['--epochs', String(5 + Math.floor(next() * 26))],
    ['--steps-per-epoch', String(2 + Math.floor(next() * 4))],
    ['--lr', (10 ** (-4 + next() * 3)).toPrecision(4)],
    ['--layers', String(1 + Math.floor(next() * 6))],
    ['--dropout', (next() * 0.5).toFixed(3)],
  ].flat();
  const { options: hp } = parseArgs(argv) as { options: { epochs: number; steps_per_epoch: number } };
  const parts: string[] = [];
  const write = (text: string) => void parts.push(text);
  let clock = 1_000 + next() * 1_000;
  const now = () => clock;
  const curve = createCurve(hp) as Curve;
  const hooks = createFormat({ hp, curve, out: { stdout: write, stderr: write }, now }) as Format;
  hooks.begin();
  const history: unknown[] = [];
  for (let epoch = 0; epoch < hp.epochs; epoch++) {
    hooks.epochStart(epoch);
    for (let step = 0; step < hp.steps_per_epoch; step++) {
      clock += 0.05 + next() * 0.5;
      hooks.step(epoch, step, curve.step(epoch, step, hp.steps_per_epoch));
    }
    const metrics = curve.epoch(epoch);
    history.push(metrics);
    hooks.epochEnd(metrics);
  }
  hooks.end(history);
  return parts.join('');
}

function countNewlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

export interface WrittenLog {
  /** `\n`-terminated lines, as `wc -l` counts them. */
  lines: number;
  /** Lines as sweeptop splits them: `\n`, `\r\n` and lone `\r` each end one. */
  segments: number;
  bytes: number;
}

/** Runs drawn from `weights`, until the text has at least `lines` lines; the same for the same seed. */
export function progressLog(weights: Weights, lines: number, seed = 1): { text: string; lines: number } {
  const next = seededRandom(seed).next;
  const parts: string[] = [];
  let written = 0;
  for (let i = 0; written < lines; i++) {
    const text = run(pick(weights, next()), next, seed * 100_003 + i);
    parts.push(text);
    written += countNewlines(text);
  }
  return { text: parts.join(''), lines: written };
}

/** Writes progressLog(weights, lines, seed) to `path`. */
export function writeLog(path: string, weights: Weights, lines: number, seed = 1): WrittenLog {
  const log = progressLog(weights, lines, seed);
  const buffer = Buffer.from(log.text);
  writeFileSync(path, buffer);
  const segments = log.text.split(/\r\n|\n|\r/).length - 1;
  return { lines: log.lines, segments, bytes: buffer.length };
}
