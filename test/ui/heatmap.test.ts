/**
 * The pairwise heat map (src/ui/format/heatmap.ts, heat-bins.ts): which bin a value falls in (log
 * bins for a log-scaled parameter, a bin per value for choices and small integer ranges), each
 * cell's value the best of its trials by the goal, shades by quarter with the legend giving their
 * ranges, the best trial starred, empty cells blank, and nothing drawn past the size given.
 */
import { describe, expect, it } from 'vitest';
import { binOf, binsFor } from '../../src/ui/format/heat-bins.js';
import { heatMap, plainHeatLines, type HeatTrial } from '../../src/ui/format/heatmap.js';
import { SHADES } from '../../src/ui/format/heat-shades.js';
import type { Parameter } from '../../src/plugin-api/space.js';
import { cellText, shadeAt } from '../helpers/heat-map-screen.js';

type Tunable = Exclude<Parameter, { kind: 'const' }>;
const choice = (name: string, values: string[]): Tunable => ({ name, kind: 'choice', values });
const lr: Tunable = { name: 'lr', kind: 'float', low: 1e-4, high: 1e-1, log: true };

const trial = (x: string | number, y: string | number, objective: number, best = false): HeatTrial => ({ x, y, objective, best });

describe('heat map bins', () => {
  it('spreads a log-scaled parameter by decades, the top edge in the last bin, a value ≤ 0 in none', () => {
    const bins = binsFor(lr, [], 3);
    expect([3e-4, 3e-3, 0.05, 0.1].map((v) => binOf(bins, v))).toEqual([0, 1, 2, 2]);
    expect(binOf(bins, 0)).toBeNull();
    // linear bins would put all but the largest decade in the first bin
    const linear = binsFor({ ...lr, log: false }, [], 3);
    expect([3e-4, 3e-3, 0.05].map((v) => binOf(linear, v))).toEqual([0, 0, 1]);
  });

  it('gives a choice and a small integer range a bin per value; a large range equal bins, stretched to a value outside it', () => {
    expect(binsFor(choice('opt', ['adam', 'sgd']), ['adam', 'rmsprop'], 4)).toEqual({ kind: 'values', values: ['adam', 'sgd', 'rmsprop'] });
    const layers: Tunable = { name: 'layers', kind: 'int', low: 2, high: 8, step: 2, log: false };
    expect(binsFor(layers, [4], 8)).toEqual({ kind: 'values', values: ['2', '4', '6', '8'] });
    const width: Tunable = { name: 'width', kind: 'int', low: 1, high: 100, step: 1, log: false };
    expect(binsFor(width, [150], 5)).toEqual({ kind: 'linear', low: 1, high: 150, count: 5 });
  });
});

describe('heatMap', () => {
  const x = choice('x', ['a', 'b', 'c']);
  const y = choice('y', ['u', 'v']);
  const trials = [trial('a', 'u', 3), trial('a', 'u', 1), trial('b', 'v', 2), trial('c', 'u', 5), trial('c', 'v', 4)];

  it("shows each cell's best objective by the goal, and leaves a cell without trials blank", () => {
    const min = plainHeatLines(heatMap(trials, x, y, 'minimize', 60, 12));
    expect(cellText(min, 'u', 'a')).toBe('1');
    expect(cellText(min, 'v', 'b')).toBe('2');
    expect(cellText(min, 'u', 'b')).toBe('');
    expect(cellText(min, 'v', 'a')).toBe('');
    const max = plainHeatLines(heatMap(trials, x, y, 'maximize', 60, 12));
    expect(cellText(max, 'u', 'a')).toBe('3');
  });

  it('shades the cells by quarter, best darkest, and prints each shade range in the legend', () => {
    const xs = choice('x', ['a', 'b', 'c', 'd']);
    const eight = [1, 2, 3, 4, 5, 6, 7, 8].map((v, i) => trial('abcd'[i % 4], i < 4 ? 'u' : 'v', v));
    const min = plainHeatLines(heatMap(eight, xs, y, 'minimize', 80, 12));
    expect(min.at(-1)).toMatch(/^█ 1…2 {2}▓ 3…4 {2}▒ 5…6 {2}░ 7…8 · best in cell, by quarter/);
    expect([shadeAt(min, 'u', 'a'), shadeAt(min, 'u', 'c'), shadeAt(min, 'v', 'a'), shadeAt(min, 'v', 'd')]).toEqual(['█', '▓', '▒', '░']);
    const max = plainHeatLines(heatMap(eight, xs, y, 'maximize', 80, 12));
    expect(max.at(-1)).toMatch(/^█ 7…8 {2}▓ 5…6 {2}▒ 3…4 {2}░ 1…2/);
    expect(shadeAt(max, 'v', 'd')).toBe('█');
  });

  it("stars the best trial's cell, and only it", () => {
    const lines = plainHeatLines(heatMap([...trials, trial('b', 'u', 0.5, true)], x, y, 'minimize', 100, 12));
    expect(cellText(lines, 'u', 'b')).toBe('★0.5');
    expect(lines.join('\n').match(/★/g)).toHaveLength(2); // the cell and the legend
  });

  it('labels number bins by their range on the y axis and their edges on the x axis', () => {
    const values = [1e-4, 5e-4, 2e-3, 0.02, 0.09].map((v, i) => trial(v, v, i));
    const lines = plainHeatLines(heatMap(values, lr, lr, 'minimize', 120, 20));
    // eight bins over three decades, each 3/8 of a decade: the top one from 10^-0.375
    expect(lines[0]).toMatch(/^\s*0\.0422…0\.1 ┤/);
    expect(lines.filter((l) => l.includes('┤'))).toHaveLength(8);
    const xLabels = lines.at(-2)!.trim().split(/\s+/);
    expect(xLabels[0]).toBe('1e-4');
    expect(xLabels.at(-1)).toBe('0.1');
  });

  it('leaves out the values of a choice beyond the edge, and says how many', () => {
    const many = (name: string, n: number) =>
      choice(
        name,
        Array.from({ length: n }, (_, i) => `v${i}`),
      );
    const trials = Array.from({ length: 30 }, (_, i) => trial(`v${i}`, `v${i}`, i));
    const lines = plainHeatLines(heatMap(trials, many('x', 80), many('y', 30), 'minimize', 60, 8));
    expect(lines.length).toBeLessThanOrEqual(8);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    // 5 grid lines of the 8 hold 5 of y's values; 60 columns less the labels (3) and axis (2) hold 55 of x's
    expect(lines.at(-1)).toMatch(/^25 of 80 x values, 25 of 30 y values beyond the edge · /);
    expect(lines.filter((l) => l.includes('┤'))).toHaveLength(5);
  });

  it('stays inside the size it is given, with cells of one line when rows are short', () => {
    const many = Array.from({ length: 40 }, (_, i) => trial(10 ** (-4 + (i % 13) / 4.5), 10 ** (-4 + (i % 7) / 2.5), i));
    for (const [width, height] of [
      [120, 22],
      [60, 8],
      [40, 6],
    ]) {
      const lines = plainHeatLines(heatMap(many, lr, lr, 'minimize', width, height));
      expect(lines.length).toBeLessThanOrEqual(height);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
    // every shade is a shade character, so the map reads without colour
    const small = plainHeatLines(heatMap(many, lr, lr, 'minimize', 60, 8)).join('');
    expect(SHADES.some((s) => small.includes(s))).toBe(true);
  });
});
