/**
 * Which columns the trial table shows at a given width. The identity of a row (flags, id, state)
 * always shows; then, while they fit, in this order: last and best objective, step, runtime, the
 * curve, two parameters (most varied first), CPU and RSS, then further parameters. Columns keep
 * their reading order on screen whatever order they were admitted in.
 */
import type { TableColumn } from '../components/Table.js';
import type { ParamStat } from './sweep-view.js';

export type ColumnKind =
  | { kind: 'flags' }
  | { kind: 'id' }
  | { kind: 'state' }
  | { kind: 'param'; name: string }
  | { kind: 'step' }
  | { kind: 'last' }
  | { kind: 'best' }
  | { kind: 'curve' }
  | { kind: 'runtime' }
  | { kind: 'cpu' }
  | { kind: 'rss' };

export type TrialColumn = TableColumn & { of: ColumnKind };

export const PADDING = 1;
const PARAM_MIN = 4;
const PARAM_MAX = 14;

/** `params` ranked, most varied first. `idWidth` fits the largest id. */
export function planColumns(width: number, params: readonly ParamStat[], idWidth: number): TrialColumn[] {
  const col = (of: ColumnKind, header: string, w: number, align: 'left' | 'right' = 'right'): TrialColumn => ({
    key: of.kind === 'param' ? `param:${of.name}` : of.kind,
    header,
    width: w,
    align,
    of,
  });
  const paramCol = (p: ParamStat) =>
    col({ kind: 'param', name: p.name }, p.name, Math.min(PARAM_MAX, Math.max(PARAM_MIN, p.width, Math.min(p.name.length, 8))));

  const required = [col({ kind: 'flags' }, '', 4, 'left'), col({ kind: 'id' }, 'id', Math.max(3, idWidth + 1)), col({ kind: 'state' }, 'state', 9, 'left')];
  const optional: TrialColumn[] = [
    col({ kind: 'last' }, 'last', 9),
    col({ kind: 'best' }, 'best', 9),
    col({ kind: 'step' }, 'step', 6),
    col({ kind: 'runtime' }, 'runtime', 8),
    col({ kind: 'curve' }, 'curve', 12, 'left'),
    ...params.slice(0, 2).map(paramCol),
    col({ kind: 'cpu' }, 'cpu%', 5),
    col({ kind: 'rss' }, 'rss', 6),
    ...params.slice(2).map(paramCol),
  ];

  const chosen = [...required];
  let used = required.reduce((sum, c) => sum + c.width, 0) + PADDING * (required.length - 1);
  for (const column of optional) {
    if (used + PADDING + column.width > width) continue;
    chosen.push(column);
    used += PADDING + column.width;
  }
  return chosen.sort((a, b) => order(a.of) - order(b.of));
}

const ORDER: Record<ColumnKind['kind'], number> = {
  flags: 0,
  id: 1,
  state: 2,
  param: 3,
  step: 4,
  last: 5,
  best: 6,
  curve: 7,
  runtime: 8,
  cpu: 9,
  rss: 10,
};

/** Stable sort keeps parameters in their ranked order among themselves. */
function order(of: ColumnKind): number {
  return ORDER[of.kind];
}
