/**
 * What the front view draws (src/ui/state/front-plot.ts, src/ui/format/front-list.ts): the front is
 * the engine's, in `sweeptop best`'s order; a trial lacking one of the pair's objectives is
 * counted and never drawn (not at 0); pairs cycle; the list shows the members around the cursor.
 */
import { describe, expect, it } from 'vitest';
import { frontOf } from '../../src/engine/objectives/recorded.js';
import type { TrialSnapshot } from '../../src/engine/events.js';
import { frontListLines, frontListWidth } from '../../src/ui/format/front-list.js';
import { plainLines, scatterPlot } from '../../src/ui/format/scatter.js';
import { betterCorner, FRONT_MARKS, frontData, frontInOrder, objectivePairs, pairAt, pairPlot } from '../../src/ui/state/front-plot.js';
import { makeTrial } from './fake-client.js';

const ACC = { name: 'val_acc', goal: 'maximize' } as const;
const LATENCY = { name: 'latency_ms', goal: 'minimize' } as const;
const SIZE = { name: 'size_mb', goal: 'minimize' } as const;

function trial(id: number, values: Array<number | null>, state: TrialSnapshot['state'] = 'completed'): TrialSnapshot {
  return makeTrial(id, { state, objective: values[0], objectives: values });
}

const trials = [
  trial(1, [0.9, 30]),
  trial(2, [0.95, 50]),
  trial(3, [0.85, 40]), // beaten by 1 in both
  trial(4, [0.99, null]), // lacks latency_ms: on no front, not drawn
  trial(5, [0.99, 1], 'running'), // its values may still change
  trial(6, [null, 5]), // lacks val_acc
  trial(7, [0.9, 30]), // equal to 1: neither beats the other
  trial(8, [0.97, 60]),
  trial(9, [0.5, Number.NaN]), // NaN: as lacking
];

describe('the front view data', () => {
  const data = frontData(trials, [ACC, LATENCY]);

  it('holds the engine’s front of the completed trials, in the order sweeptop best lists it', () => {
    const engine = frontOf(trials, [ACC, LATENCY]).front.map((t) => t.id);
    expect(data.front.map((m) => m.id)).toEqual(engine);
    expect(engine).toEqual([8, 2, 1, 7]);
    expect(data.front.find((m) => m.id === 2)?.values).toEqual([0.95, 50]);
    expect(data.completed.map((c) => c.id)).not.toContain(5);
  });

  it('counts the completed trials lacking each objective, NaN as lacking', () => {
    expect(data.lacking).toEqual([1, 2]);
  });

  it('draws only the trials with both values of the pair, none of the others at 0', () => {
    const plot = pairPlot(data, [0, 1], 2);
    expect(plot.points).toHaveLength(5);
    expect(plot.points.some((p) => p.x === 0 || p.y === 0)).toBe(false);
    expect(plot.points.filter((p) => p.kind === 'front')).toHaveLength(3);
    expect(plot.points.filter((p) => p.kind === 'selected')).toEqual([{ x: 0.95, y: 50, kind: 'selected' }]);
    expect(plot.points.filter((p) => p.kind === 'dominated')).toEqual([{ x: 0.85, y: 40, kind: 'dominated' }]);
    expect(plot.axis).toEqual({ kind: 'linear', low: 0.85, high: 0.97 });
  });

  it('lists the front by the x objective, best first, ties by id', () => {
    expect(frontInOrder(data, 0).map((m) => m.id)).toEqual([8, 2, 1, 7]);
    expect(frontInOrder(data, 1).map((m) => m.id)).toEqual([1, 7, 2, 8]);
  });

  it('plots the front members starred and the dominated trials apart, where their values put them', () => {
    const plot = pairPlot(data, [0, 1], null);
    const lines = plainLines(scatterPlot(plot.points, plot.axis, 40, 6, FRONT_MARKS));
    const marks = (mark: string) => lines.flatMap((line, row) => [...line].flatMap((c, col) => (c === mark ? [{ row, col }] : [])));
    // 1 and 7 share a cell: three stars for four members
    expect(marks('★')).toHaveLength(3);
    expect(marks('●')).toHaveLength(1);
    // the largest latency (8, 60 ms) on the top line and rightmost; the smallest (1 and 7, 30 ms) on the last
    const stars = marks('★').sort((a, b) => a.row - b.row);
    expect(stars[0].row).toBe(0);
    expect(stars[0].col).toBe(39);
    expect(stars.at(-1)?.row).toBe(5);
  });

  it('cycles every pair of three objectives, the first two first, and wraps both ways', () => {
    expect(objectivePairs(2)).toEqual([[0, 1]]);
    expect(objectivePairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(pairAt(3, 3)).toEqual([0, 1]);
    expect(pairAt(3, -1)).toEqual([1, 2]);
  });

  it('with three objectives, keeps the front of all three: a member may be beaten in one pair', () => {
    const three = frontData([trial(1, [0.9, 30, 100]), trial(2, [0.8, 40, 10])], [ACC, LATENCY, SIZE]);
    // 2 is beaten by 1 in accuracy and latency, yet smaller: on the front
    expect(three.front.map((m) => m.id)).toEqual([1, 2]);
    expect(pairPlot(three, [0, 1], null).points.every((p) => p.kind === 'front')).toBe(true);
  });

  it('names the better corner from the goals', () => {
    expect(betterCorner('maximize', 'minimize')).toBe('↘');
    expect(betterCorner('minimize', 'minimize')).toBe('↙');
    expect(betterCorner('maximize', 'maximize')).toBe('↗');
    expect(betterCorner('minimize', 'maximize')).toBe('↖');
  });
});

describe('the front list', () => {
  const members = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, values: [0.9 - i / 100, 10 + i] }));

  it('names each objective with its goal and lists every member when they fit', () => {
    const lines = frontListLines(members.slice(0, 3), [ACC, LATENCY], 1, frontListWidth([ACC, LATENCY]), 10);
    expect(lines.map((l) => l.text.trimEnd())).toEqual([
      '  trial  val_acc↑ latency_ms↓',
      '  #1          0.9          10',
      '› #2         0.89          11',
      '  #3         0.88          12',
    ]);
    expect(lines.map((l) => l.kind)).toEqual(['header', 'member', 'selected', 'member']);
  });

  it('shows a window around the selected member when they do not fit, the rest counted', () => {
    const lines = frontListLines(members, [ACC, LATENCY], 8, 40, 7);
    expect(lines).toHaveLength(7);
    const text = lines.map((l) => l.text.trimEnd());
    expect(text[1]).toBe('  … 6 more');
    expect(text.slice(2, 6).map((t) => /#(\d+)/.exec(t)?.[1])).toEqual(['7', '8', '9', '10']);
    expect(text[6]).toBe('  … 2 more');
    expect(lines.find((l) => l.kind === 'selected')?.text).toMatch(/^› #9 /);
  });

  it('never writes past its width', () => {
    for (const width of [20, 31, 50]) {
      for (const line of frontListLines(members, [ACC, LATENCY, SIZE], 0, width, 6))
        expect([...line.text].length).toBeLessThanOrEqual(width);
    }
  });
});
