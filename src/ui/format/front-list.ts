/**
 * The front as a short list beside its plot: a line per member (its trial id and every
 * objective's value), a header naming the objectives with their goals, and as many members as fit
 * around the selected one, the rest counted. Pure: the component paints the lines by their kind.
 */
import type { FrontMember, ObjectiveName } from '../state/front-plot.js';
import { fitNumber } from './number.js';
import { fit } from './text.js';

export interface ListLine {
  text: string;
  kind: 'header' | 'member' | 'selected' | 'more';
}

/** `#1234` and the cursor before it. */
const ID_WIDTH = 8;
const VALUE_MIN = 8;
const VALUE_MAX = 12;

/** The width the list asks for: an id and a column per objective. */
export function frontListWidth(objectives: readonly ObjectiveName[]): number {
  return ID_WIDTH + columnWidths(objectives, Infinity).reduce((sum, w) => sum + w + 1, 0);
}

/** Each objective's column: its name and goal arrow, within bounds; all narrowed alike when `width` is short. */
function columnWidths(objectives: readonly ObjectiveName[], width: number): number[] {
  const wanted = objectives.map((o) => Math.min(VALUE_MAX, Math.max(VALUE_MIN, o.name.length + 1)));
  if (ID_WIDTH + wanted.reduce((sum, w) => sum + w + 1, 0) <= width) return wanted;
  const even = Math.max(4, Math.floor((width - ID_WIDTH) / Math.max(1, objectives.length)) - 1);
  return wanted.map((w) => Math.min(w, even));
}

/**
 * At most `height` lines of `width` characters: the header, then the members (in the order given)
 * in a window that holds `selected` (an index), with `… N more` lines above or below it.
 */
export function frontListLines(
  members: readonly FrontMember[],
  objectives: readonly ObjectiveName[],
  selected: number,
  width: number,
  height: number,
): ListLine[] {
  const widths = columnWidths(objectives, width);
  const header =
    fit('  trial', ID_WIDTH) +
    objectives.map((o, i) => ` ${fit(`${o.name}${o.goal === 'maximize' ? '↑' : '↓'}`, widths[i], 'right')}`).join('');
  const lines: ListLine[] = [{ text: fit(header, width), kind: 'header' }];
  const room = Math.max(1, height - 1);
  const window = windowOf(members.length, selected, room);
  if (window.before > 0) lines.push({ text: fit(`  … ${window.before} more`, width), kind: 'more' });
  for (let i = window.start; i < window.end; i++) {
    const member = members[i];
    const cursor = i === selected ? '›' : ' ';
    const values = member.values.map((v, i) => ` ${fit(fitNumber(v, widths[i]), widths[i], 'right')}`).join('');
    lines.push({
      text: fit(`${cursor} ${fit(`#${member.id}`, ID_WIDTH - 2)}${values}`, width),
      kind: i === selected ? 'selected' : 'member',
    });
  }
  if (window.after > 0) lines.push({ text: fit(`  … ${window.after} more`, width), kind: 'more' });
  return lines;
}

/** Which members fit in `room` lines around `selected`, a `… N more` line taking one where some are left out. */
function windowOf(total: number, selected: number, room: number): { start: number; end: number; before: number; after: number } {
  if (total <= room) return { start: 0, end: total, before: 0, after: 0 };
  // two lines may go to the counts: the members get the rest, the selected one among them
  const shown = Math.max(1, room - 2);
  const start = Math.min(Math.max(0, selected - Math.floor(shown / 2)), total - shown);
  const end = start + shown;
  return { start, end, before: start, after: total - end };
}
