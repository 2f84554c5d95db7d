import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBudgetTable } from '../../bench/budget-halving/table.js';

const LEVELS = [1 / 9, 1 / 3, 1];
const HEADER = '# recorded by hand\nconfig,C,gamma,budget,score,seconds\n';
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function file(body: string): string {
  dir = mkdtempSync(join(tmpdir(), 'budget-table-'));
  const path = join(dir, 'scores.csv');
  writeFileSync(path, HEADER + body);
  return path;
}

describe('readBudgetTable', () => {
  it('puts each score at the level its budget is, matching budgets written with all their digits', () => {
    const table = readBudgetTable(
      file('0,1,0.01,0.1111111111111111,0.5,0.1\n0,1,0.01,0.3333333333333333,0.7,0.1\n0,1,0.01,1.0,0.9,0.1\n'),
      LEVELS,
    );
    expect(table.scores).toEqual([[0.5, 0.7, 0.9]]);
    expect(table.provenance).toEqual(['recorded by hand']);
  });

  it('refuses a budget that is not a level, and a configuration that lacks one', () => {
    expect(() => readBudgetTable(file('0,1,0.01,0.5,0.5,0.1\n'), LEVELS)).toThrow(/budget 0.5 of configuration 0 is none of the levels/);
    expect(() => readBudgetTable(file('0,1,0.01,1.0,0.9,0.1\n'), LEVELS)).toThrow(/configuration 0 lacks a level/);
  });
});
