/**
 * The recorded score × budget table (bench/data/budget-scores.csv, written by
 * bench/record-budget-table.py): real scores of fixtures/sklearn_budget.py, one row per
 * configuration and budget, read into a ScoreTable whose levels are the sweep's own budget levels.
 */
import { readFileSync } from 'node:fs';
import type { ScoreTable } from './simulate.js';

export interface RecordedTable extends ScoreTable {
  /** The comment lines at the top of the file: how and with what it was recorded. */
  provenance: string[];
  params: { C: number; gamma: number }[];
}

/** Reads the file; refuses a row whose budget is not one of `levels`, or a configuration missing a level. */
export function readBudgetTable(path: string, levels: number[]): RecordedTable {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const provenance = lines.filter((line) => line.startsWith('#')).map((line) => line.replace(/^#\s*/, ''));
  const [header, ...rows] = lines.filter((line) => !line.startsWith('#'));
  if (header !== 'config,C,gamma,budget,score,seconds') throw new Error(`${path}: unexpected header ${header}`);
  const scores: number[][] = [];
  const params: { C: number; gamma: number }[] = [];
  for (const row of rows) {
    const [config, C, gamma, budget, score] = row.split(',').map(Number);
    const level = levels.findIndex((l) => Math.abs(l - budget) <= 1e-9 * l);
    if (level < 0) throw new Error(`${path}: budget ${budget} of configuration ${config} is none of the levels ${levels.join(', ')}`);
    scores[config] ??= Array(levels.length).fill(Number.NaN);
    scores[config][level] = score;
    params[config] = { C, gamma };
  }
  scores.forEach((byLevel, config) => {
    if (byLevel.some(Number.isNaN)) throw new Error(`${path}: configuration ${config} lacks a level`);
  });
  return { levels, scores, goal: 'maximize', provenance, params };
}
