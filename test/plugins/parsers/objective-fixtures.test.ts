/**
 * What the built-in parsers, in `auto` order, make of each line of the logs in
 * fixtures/logs/objective/ (see its README): summaries apart from the curves they summarise,
 * the folds' contexts, echoed configuration. Expected figures are computed from the logs' own
 * numbers, so each test checks that the parsers keep them apart and consistent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserPlugins } from '../../../plugins/parsers/index.js';
import type { ParsedLine, ParsedPoint } from '../../../src/plugin-api/parser.js';
import { cleanLine } from '../../../src/engine/logs/clean-line.js';
import { LineSplitter } from '../../../src/engine/logs/line-splitter.js';
import { instance } from './helpers.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'logs', 'objective');

interface Read {
  line: string;
  parsed: ParsedLine | null;
}

/** Every line of the log as the engine cleans it, and what the first parser to claim it returned. */
function read(file: string): Read[] {
  const parsers = parserPlugins.map(instance);
  const splitter = new LineSplitter();
  const lines = [...splitter.push(readFileSync(join(DIR, file))), ...splitter.end()];
  return lines.map(({ text }) => {
    const line = cleanLine(text);
    let parsed: ParsedLine | null = null;
    for (const parser of parsers) if ((parsed = parser.parse(line)) !== null) break;
    return { line, parsed };
  });
}

const pointsOf = (reads: Read[]): ParsedPoint[] => reads.flatMap((r) => r.parsed?.points ?? []);
const named = (reads: Read[], name: string) => pointsOf(reads).filter((p) => p.name === name && p.inProgress !== true);
const valuesOf = (reads: Read[], name: string) => named(reads, name).map((p) => p.value);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** numpy's `std` (ddof=0), as scikit-learn's examples print it. */
const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const contexts = (reads: Read[]) => reads.flatMap((r) => (r.parsed?.context === undefined ? [] : [r.parsed.context]));

describe('objective fixtures, line by line', () => {
  it('keras-best-summary.log: the best val_accuracy is a summary of its own, not the last point of the curve', () => {
    const reads = read('keras-best-summary.log');
    const curve = valuesOf(reads, 'val_accuracy');
    expect(curve).toHaveLength(20);
    expect(curve.at(-1)).toBe(0.975);
    expect(named(reads, 'best/val_accuracy')).toEqual([{ name: 'best/val_accuracy', step: null, value: Math.max(...curve) }]);
    // ModelCheckpoint's messages repeat the figures, and nothing claims them
    const checkpoints = reads.filter((r) => r.line.includes('val_accuracy improved') || r.line.includes('did not improve'));
    expect(checkpoints).toHaveLength(20);
    for (const r of checkpoints) expect(r.parsed, r.line).toBeNull();
  });

  it("cv-folds.log: each fold opens its context, and the closing line is the folds' mean and standard deviation", () => {
    const reads = read('cv-folds.log');
    const folds = reads.filter((r) => r.parsed?.context !== undefined);
    expect(contexts(reads)).toEqual(['fold 1', 'fold 2', 'fold 3', 'fold 4', 'fold 5']);
    for (const r of folds) expect(r.parsed!.points.map((p) => p.name)).toEqual(['accuracy']);
    const accuracies = valuesOf(reads, 'accuracy');
    expect(valuesOf(reads, 'mean/accuracy')).toEqual([Number(mean(accuracies).toFixed(4))]);
    expect(valuesOf(reads, 'std/accuracy')).toEqual([Number(std(accuracies).toFixed(4))]);
    expect(pointsOf(reads).map((p) => p.name)).not.toContain('fold');
  });

  it('cv-folds-colon.log: `Fold 1 accuracy:` opens fold 1; `Mean CV accuracy:` and `Std CV accuracy:` are the summaries', () => {
    const reads = read('cv-folds-colon.log');
    expect(contexts(reads)).toEqual(['fold 1', 'fold 2', 'fold 3', 'fold 4', 'fold 5']);
    const accuracies = valuesOf(reads, 'accuracy');
    expect(accuracies).toHaveLength(5);
    expect(valuesOf(reads, 'mean/accuracy')).toEqual([Number(mean(accuracies).toFixed(4))]);
    expect(valuesOf(reads, 'std/accuracy')).toEqual([Number(std(accuracies).toFixed(4))]);
  });

  it("cv-folds-equals.log: `fold=1` is a context, not a metric; the old user guide's spread is read as printed", () => {
    const reads = read('cv-folds-equals.log');
    expect(contexts(reads)).toEqual(['fold 1', 'fold 2', 'fold 3', 'fold 4', 'fold 5']);
    const accuracies = valuesOf(reads, 'accuracy');
    expect(accuracies).toHaveLength(5);
    expect(pointsOf(reads).map((p) => p.name)).not.toContain('fold');
    expect(valuesOf(reads, 'mean/Accuracy')).toEqual([Number(mean(accuracies).toFixed(2))]);
    // `scores.std() * 2`: what the line says, not the folds' standard deviation
    expect(valuesOf(reads, 'std/Accuracy')).toEqual([Number((2 * std(accuracies)).toFixed(2))]);
  });

  it("cv-score-sentence.log: scikit-learn's sentence gives the mean and standard deviation of the scores printed above it", () => {
    const [scores, sentence] = read('cv-score-sentence.log');
    expect(scores.parsed).toBeNull();
    const printed = scores.line.slice(1, -1).trim().split(/\s+/).map(Number);
    expect(sentence.parsed).toEqual({
      points: [
        { name: 'mean/accuracy', step: null, value: Number(mean(printed).toFixed(2)) },
        { name: 'std/accuracy', step: null, value: Number(std(printed).toFixed(2)) },
      ],
    });
  });

  it("cv-folds-epochs.log: fold headers open contexts around epoch curves; each fold's best and the mean are summaries", () => {
    const reads = read('cv-folds-epochs.log');
    expect(reads.filter((r) => /^Fold \d\/3$/.test(r.line)).map((r) => r.parsed)).toEqual(
      ['fold 1', 'fold 2', 'fold 3'].map((context) => ({ points: [], context })),
    );
    const bests: number[] = [];
    for (const fold of [1, 2, 3]) {
      const start = reads.findIndex((r) => r.line === `Fold ${fold}/3`);
      const epochs = reads.slice(start + 1, start + 6);
      const valLoss = epochs.map((r) => r.parsed!.points.find((p) => p.name === 'val_loss')!);
      expect(valLoss.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
      const best = reads[start + 6].parsed!;
      expect(best).toEqual({
        points: [{ name: 'best/val_loss', step: null, value: Math.min(...valLoss.map((p) => p.value)) }],
        context: `fold ${fold}`,
      });
      bests.push(best.points[0].value);
    }
    expect(reads.at(-1)!.parsed).toEqual({ points: [{ name: 'mean/val_loss', step: null, value: Number(mean(bests).toFixed(4)) }] });
  });

  it('echoed-config.log: the printed args and config are echoed configuration, never metrics', () => {
    const reads = read('echoed-config.log');
    const [args, config] = reads;
    expect(args.parsed).toEqual({
      points: [],
      echoed: { lr: 0.001, batch_size: 64, epochs: 5, optimizer: 'adam', seed: 0, data_dir: './data', amp: false },
    });
    expect(config.parsed).toEqual({
      points: [],
      echoed: { 'model/name': 'mlp', 'model/hidden': '[256,128]', 'model/dropout': 0.2, scheduler: null },
    });
    const names = new Set(pointsOf(reads).map((p) => p.name));
    for (const setting of ['lr', 'batch_size', 'epochs', 'seed', 'dropout', 'model/dropout'])
      expect(names.has(setting), setting).toBe(false);
    expect(named(reads, 'val_loss').map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(contexts(reads)).toEqual([]);
  });

  it('final-only.log: the one evaluation is final/val_loss, and no val_loss curve appears', () => {
    const reads = read('final-only.log');
    expect(named(reads, 'val_loss')).toEqual([]);
    expect(named(reads, 'final/val_loss')).toEqual([{ name: 'final/val_loss', step: null, value: 0.41 }]);
    expect(named(reads, 'loss').map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);
  });
});
