/**
 * Which columns the trial table shows at a given width. The identity of a row (flags, id, state)
 * always shows; then, while they fit, in this order: last and best objective, a sweep with folds
 * or repeats its runs (completed of all, from 160 columns with the spread), a budget sweep its
 * budget level in their place (`0.333 2/3`), step, runtime, the
 * curve, two parameters (most varied first), the time to go, CPU and RSS, then further parameters. Columns keep
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
  | { kind: 'objective'; index: number }
  | { kind: 'runs' }
  | { kind: 'budget' }
  | { kind: 'curve' }
  | { kind: 'runtime' }
  | { kind: 'eta' }
  | { kind: 'cpu' }
  | { kind: 'rss' };

export type TrialColumn = TableColumn & { of: ColumnKind };

export const PADDING = 1;
const PARAM_MIN = 4;

/**
 * Column widths by how wide the terminal is: from 160 and 200 columns, numbers keep more digits,
 * curves more points and parameters more of their values, rather than leaving the right side empty.
 */
const TIERS = [
  { from: 200, number: 12, curve: 30, paramMax: 24, runs: 16 },
  { from: 160, number: 11, curve: 20, paramMax: 18, runs: 16 },
  // `12/15`: at 120 columns the spread stays in the detail pane
  { from: 0, number: 9, curve: 12, paramMax: 14, runs: 5 },
] as const;

/**
 * `params` ranked, most varied first. `idWidth` fits the largest id. `withRuns`: a sweep with folds
 * or repeats. `budgetWidth`: a budget sweep's, its widest level (its runs are levels, shown so).
 */
export function planColumns(
  width: number,
  params: readonly ParamStat[],
  idWidth: number,
  withRuns = false,
  budgetWidth = 0,
  /** A sweep of several objectives: the names of those after the first, a column each after best. */
  furtherObjectives: readonly string[] = [],
): TrialColumn[] {
  const tier = TIERS.find((t) => width >= t.from)!;
  const PARAM_MAX = tier.paramMax;
  const col = (of: ColumnKind, header: string, w: number, align: 'left' | 'right' = 'right'): TrialColumn => ({
    key: of.kind === 'param' ? `param:${of.name}` : of.kind === 'objective' ? `objective:${of.index}` : of.kind,
    header,
    width: w,
    align,
    of,
  });
  const paramCol = (p: ParamStat) =>
    col({ kind: 'param', name: p.name }, p.name, Math.min(PARAM_MAX, Math.max(PARAM_MIN, p.width, Math.min(p.name.length, 8))));

  // `silent 12m` fits the state column
  const required = [
    col({ kind: 'flags' }, '', 4, 'left'),
    col({ kind: 'id' }, 'id', Math.max(3, idWidth + 1)),
    col({ kind: 'state' }, 'state', 10, 'left'),
  ];
  const optional: TrialColumn[] = [
    col({ kind: 'last' }, 'last', tier.number),
    col({ kind: 'best' }, 'best', tier.number),
    ...furtherObjectives.map((name, i) =>
      col({ kind: 'objective', index: i + 1 }, name, Math.max(tier.number, Math.min(name.length + 1, 16))),
    ),
    ...(budgetWidth > 0
      ? [col({ kind: 'budget' }, 'budget', Math.max(budgetWidth, 6))]
      : withRuns
        ? [col({ kind: 'runs' }, 'runs', tier.runs)]
        : []),
    col({ kind: 'step' }, 'step', 6),
    col({ kind: 'runtime' }, 'runtime', 8),
    col({ kind: 'curve' }, 'curve', tier.curve, 'left'),
    ...params.slice(0, 2).map(paramCol),
    col({ kind: 'eta' }, 'eta', 6),
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
  // after best, in the objectives' order (a stable sort keeps the order they were admitted in)
  objective: 6,
  runs: 7,
  budget: 7,
  curve: 8,
  runtime: 9,
  eta: 10,
  cpu: 11,
  rss: 12,
};

/** Stable sort keeps parameters in their ranked order among themselves. */
function order(of: ColumnKind): number {
  return ORDER[of.kind];
}
