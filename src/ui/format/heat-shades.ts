/**
 * The heat map's shades: a cell's shade is the quarter its value falls in among the cells' values,
 * ranked by the goal (objectives are often skewed by a few bad trials, and equal steps of value
 * would leave most cells one shade), and the legend gives each shade's range, so a shade is read,
 * not guessed. Pure.
 */
import { fitNumber } from './number.js';

/** Best quarter first. */
export const SHADES = ['█', '▓', '▒', '░'] as const;
/** Digits of a value in a cell and in the legend: enough to tell neighbouring cells apart. */
export const VALUE_WIDTH = 6;

/** Each distinct value's shade: its rank among the cells, best first, in quarters (ties share one). */
export function quartiles(values: number[], sign: 1 | -1): Map<number, number> {
  const sorted = [...values].sort((a, b) => sign * a - sign * b);
  const levels = new Map<number, number>();
  sorted.forEach((v, rank) => {
    if (!levels.has(v)) levels.set(v, Math.floor((rank * SHADES.length) / sorted.length));
  });
  return levels;
}

/** Each shade's range of values, then what the marks mean, as much as fits `width`. */
export function legend(levels: Map<number, number>, cellCount: number, width: number): string {
  if (cellCount === 0) return 'no completed trial with both parameters yet'.slice(0, width);
  const parts: string[] = [];
  SHADES.forEach((shade, level) => {
    const values = [...levels].filter(([, l]) => l === level).map(([v]) => v);
    if (values.length === 0) return;
    const low = Math.min(...values);
    const high = Math.max(...values);
    parts.push(`${shade} ${low === high ? fitNumber(low, VALUE_WIDTH) : `${fitNumber(low, VALUE_WIDTH)}…${fitNumber(high, VALUE_WIDTH)}`}`);
  });
  // whole shade ranges or none (a range cut short would misstate it); `…` says some are missing
  let text = '';
  for (const [k, part] of parts.entries()) {
    const next = text === '' ? part : `${text}  ${part}`;
    if (next.length + (k < parts.length - 1 ? 2 : 0) > width) return `${text} …`.trimStart().slice(0, width);
    text = next;
  }
  for (const note of [' · best in cell, by quarter', ' · ★ best trial', ' · blank: none']) {
    if (text.length + note.length > width) break;
    text += note;
  }
  return text;
}
