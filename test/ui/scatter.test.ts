/**
 * The parameter-vs-objective scatter (src/ui/format/scatter.ts): where points land on linear, log
 * and categorical axes, which mark wins a shared cell, and that nothing is drawn past the width.
 */
import { describe, expect, it } from 'vitest';
import { PARAMETER_MARKS, plainLines, scatterPlot, type ScatterPoint } from '../../src/ui/format/scatter.js';

const WIDTH = 50;
const HEIGHT = 6;
/** Plot columns start after the y labels and the axis: 9 + 1. */
const PLOT_START = 10;

function markAt(lines: string[], mark: string): { row: number; column: number }[] {
  return lines.flatMap((line, row) => [...line].flatMap((c, i) => (c === mark ? [{ row, column: i - PLOT_START }] : [])));
}

describe('scatterPlot', () => {
  it('puts the largest objective on the top line and the smallest on the last, the range labelled', () => {
    const points: ScatterPoint[] = [
      { x: 0, y: 1, kind: 'completed' },
      { x: 10, y: 3, kind: 'completed' },
    ];
    const lines = plainLines(scatterPlot(points, { kind: 'linear', low: 0, high: 10 }, WIDTH, HEIGHT, PARAMETER_MARKS));
    expect(lines).toHaveLength(HEIGHT + 2);
    expect(markAt(lines, '●')).toEqual([
      { row: 0, column: WIDTH - PLOT_START - 1 },
      { row: HEIGHT - 1, column: 0 },
    ]);
    expect(lines[0]).toMatch(/^\s+3 ┤/);
    expect(lines[HEIGHT - 1]).toMatch(/^\s+1 ┤/);
    expect(lines[HEIGHT + 1]).toMatch(/0\s+5\s+10$/);
  });

  it('spreads a log-scaled parameter by decades: 1e-3 lies half way between 1e-4 and 1e-2', () => {
    const points: ScatterPoint[] = [
      { x: 1e-4, y: 1, kind: 'completed' },
      { x: 1e-3, y: 2, kind: 'completed' },
      { x: 1e-2, y: 3, kind: 'completed' },
    ];
    const lines = plainLines(scatterPlot(points, { kind: 'log', low: 1e-4, high: 1e-2 }, WIDTH, HEIGHT, PARAMETER_MARKS));
    const columns = markAt(lines, '●').map((m) => m.column);
    const plotWidth = WIDTH - PLOT_START;
    expect(columns.sort((a, b) => a - b)).toEqual([0, Math.round((plotWidth - 1) / 2), plotWidth - 1]);
    expect(lines.at(-1)).toContain('(log)');
  });

  it('gives each value of a choice its own column, labelled under it', () => {
    const points: ScatterPoint[] = [
      { x: 'adam', y: 1, kind: 'completed' },
      { x: 'sgd', y: 2, kind: 'completed' },
      { x: 'rmsprop', y: 3, kind: 'completed' },
    ];
    const lines = plainLines(
      scatterPlot(points, { kind: 'categorical', values: ['adam', 'sgd', 'rmsprop'] }, WIDTH, HEIGHT, PARAMETER_MARKS),
    );
    // top to bottom: rmsprop (3), sgd (2), adam (1)
    const columns = markAt(lines, '●').map((m) => m.column);
    expect(new Set(columns).size).toBe(3);
    const labels = lines.at(-1) ?? '';
    for (const [i, value] of ['rmsprop', 'sgd', 'adam'].entries()) {
      const centre = labels.indexOf(value) - PLOT_START + value.length / 2;
      // the value's label is under its column
      expect(Math.abs(centre - columns[i])).toBeLessThanOrEqual(1);
    }
  });

  it('marks the best trial over a completed one in the same cell, and a completed one over a pruned one', () => {
    const points: ScatterPoint[] = [
      { x: 5, y: 1, kind: 'pruned' },
      { x: 5, y: 1, kind: 'completed' },
      { x: 0, y: 2, kind: 'completed' },
      { x: 0, y: 2, kind: 'best' },
      { x: 10, y: 3, kind: 'pruned' },
    ];
    const segments = scatterPlot(points, { kind: 'linear', low: 0, high: 10 }, WIDTH, HEIGHT, PARAMETER_MARKS);
    const lines = plainLines(segments);
    expect(markAt(lines, '★')).toHaveLength(1);
    expect(markAt(lines, '●')).toHaveLength(1);
    expect(markAt(lines, '·')).toHaveLength(1);
    // the pruned trial's segment is styled apart, to be drawn dim
    expect(segments.flat().find((s) => s.text.includes('·'))?.style).toBe('pruned');
    expect(segments.flat().find((s) => s.text.includes('★'))?.style).toBe('best');
  });

  it('draws nothing past its width and leaves out values it cannot place', () => {
    const points: ScatterPoint[] = [
      { x: 0, y: 1, kind: 'completed' },
      { x: 'other', y: 2, kind: 'completed' },
      { x: 1e9, y: Number.NaN, kind: 'completed' },
    ];
    const lines = plainLines(scatterPlot(points, { kind: 'log', low: 1e-4, high: 1 }, WIDTH, HEIGHT, PARAMETER_MARKS));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(WIDTH);
    expect(markAt(lines, '●')).toHaveLength(0);
  });
});
