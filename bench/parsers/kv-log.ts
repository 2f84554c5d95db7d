/**
 * A per-step `key=value` log for the parser bench, as a hand-written training loop prints one
 * line per optimiser step: `step=1200 loss=0.4123 lr=3.000e-4 grad_norm=1.234`. Every line has a
 * step of its own, so every line's three metrics come out of `sweeptop metrics --json` as three
 * points: the log exercises point collection and the JSON written, not only the parse (a log that
 * repeats a few steps, as the fixtures' per-epoch kv runs do, collapses into a few hundred points).
 * Seeded, so every run of the bench reads the same bytes.
 */
import { writeFileSync } from 'node:fs';
import type { WrittenLog } from './progress-mix.js';
import { seededRandom } from '../../scripts/lib/seeded-random.js';

/** The metrics on each line besides the step. */
export const KV_METRICS_PER_LINE = 3;

/** `lines` lines, steps 1 to `lines`: a loss that decays with noise, a cosine learning rate, a gradient norm. */
export function kvStepLog(lines: number, seed = 1): string {
  const next = seededRandom(seed).next;
  const parts: string[] = [];
  for (let step = 1; step <= lines; step++) {
    const loss = 2.5 * Math.exp(-step / (lines / 4)) + 0.1 + next() * 0.05;
    const lr = 3e-4 * 0.5 * (1 + Math.cos((Math.PI * step) / lines));
    const gradNorm = 0.5 + next() * 2;
    parts.push(`step=${step} loss=${loss.toFixed(4)} lr=${lr.toExponential(3)} grad_norm=${gradNorm.toFixed(3)}\n`);
  }
  return parts.join('');
}

/** Writes kvStepLog(lines, seed) to `path`. */
export function writeKvStepLog(path: string, lines: number, seed = 1): WrittenLog {
  const buffer = Buffer.from(kvStepLog(lines, seed));
  writeFileSync(path, buffer);
  return { lines, segments: lines, bytes: buffer.length };
}
