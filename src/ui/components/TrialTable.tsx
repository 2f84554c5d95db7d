/**
 * The trial table: the visible slice of the sorted, filtered rows, with as many columns as the
 * width allows. The cursor row is drawn in inverse video and also marked '›', so it is seen
 * without colour (and in `tmux capture-pane`). A trial opened with Enter lists its runs (folds ×
 * repeats) under it, one indented line each; the cursor moves over trials only.
 */
import { useMemo } from 'react';
import type { GroupUsage } from '../../engine/resources/types.js';
import { formatCoarse, formatElapsed, formatRemaining } from '../format/duration.js';
import { healthClock, silentFor, trialEta } from '../state/health.js';
import { formatBytes, fitNumber } from '../format/number.js';
import { formatParam } from '../format/params.js';
import { sparkline } from '../format/sparkline.js';
import { budgetLevelOf, levelText, levelTextWidth, waitsForPromotion } from '../state/budget-level.js';
import { planColumns, type TrialColumn } from '../state/columns.js';
import { paretoMembers } from '../state/front.js';
import { runUsage, trialUsage } from '../state/resource-groups.js';
import { windowStart, type Layout } from '../state/layout.js';
import { cursorRow, rankedParams } from '../state/rows.js';
import { runtimeOf, type SweepView, type TrialView } from '../state/sweep-view.js';
import type { UiState } from '../state/ui-state.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/ThemeContext.js';
import { Table, type TableCell, type TableRowData } from './Table.js';

export interface TrialTableProps {
  view: SweepView;
  rows: readonly number[];
  ui: UiState;
  layout: Layout;
  usage: ReadonlyMap<number, GroupUsage> | null;
}

/** The key of the column a sort orders by (a further objective's column is its own key). */
const SORTED_COLUMN: Record<Exclude<UiState['sort']['key'], `objective:${number}`>, string> = {
  active: 'state',
  id: 'id',
  objective: 'best',
  state: 'state',
  runtime: 'runtime',
};

function sortedColumn(key: UiState['sort']['key']): string {
  return key.startsWith('objective:') ? key : SORTED_COLUMN[key as keyof typeof SORTED_COLUMN];
}

export function TrialTable({ view, rows, ui, layout, usage }: TrialTableProps) {
  const theme = useTheme();
  const idWidth = useMemo(() => {
    let max = 0;
    for (const id of view.trials.keys()) if (id > max) max = id;
    return String(max).length;
  }, [view.revision]);
  const ranked = useMemo(() => {
    const names = rankedParams(view);
    return names.map((name) => view.params.find((p) => p.name === name)!);
  }, [view.params]);
  const withRuns = useMemo(() => [...view.trials.values()].some((t) => t.snapshot.runs), [view.revision]);
  const levels = view.info.budgetLevels;
  const budgetWidth = useMemo(() => (levels ? levelTextWidth(levels) : 0), [levels]);
  const objectives = view.info.objectives ?? [view.info.metric];
  const further = useMemo(() => objectives.slice(1).map((o) => o.name), [view.info.objectives]);
  // a sweep of several objectives marks its Pareto front where another marks its best trial
  const front = useMemo(() => (objectives.length > 1 ? paretoMembers(view) : null), [view.revision, objectives.length]);
  const columns = useMemo(() => {
    const planned = planColumns(layout.width, ranked, idWidth, withRuns, budgetWidth, further);
    const sorted = sortedColumn(ui.sort.key);
    return planned.map((c) => (c.key === sorted ? { ...c, header: c.header + (ui.sort.reverse ? '▴' : '▾') } : c));
  }, [layout.width, ranked, idWidth, withRuns, budgetWidth, further, ui.sort]);

  const cursor = cursorRow(rows, ui);
  const top = windowStart(ui.scrollTop, cursor, layout.tableRows, rows.length);
  const visible = rows.slice(top, top + layout.tableRows);
  const marks = new Map(ui.marked.map((id, i) => [id, theme.chart.marks[i % theme.chart.marks.length].ink]));

  const trialRows: TableRowData[] = visible.map((id, i) => {
    const trial = view.trials.get(id)!;
    const selected = top + i === cursor;
    const context: CellContext = {
      selected,
      isBest: front ? front.has(id) : view.best?.trialId === id,
      mark: marks.has(id) ? { colour: marks.get(id) } : null,
      usage: trialUsage(trial.snapshot, usage),
      objective: view.info.metric.name,
      now: view.now,
      clock: healthClock(view.now),
      levels,
      theme,
    };
    return { key: id, selected, cells: columns.map((c) => cellFor(c, trial, context)) };
  });
  const data = withRunLines(trialRows, view, ui.expanded, columns, layout.tableRows, usage);

  const filtered = ui.filter !== null || ui.search !== '';
  const empty = view.trials.size === 0 ? 'no trials yet' : filtered ? 'no trial matches (Esc clears the search, f changes the filter)' : '';
  return <Table columns={columns} rows={data} height={layout.tableRows} headerColour={theme.accent} empty={empty} />;
}

interface CellContext {
  selected: boolean;
  isBest: boolean;
  mark: { colour: string | undefined } | null;
  usage: GroupUsage | null;
  objective: string;
  now: number;
  /** The clock silence and time-to-go cells are drawn against (5 s steps). */
  clock: number;
  /** A budget sweep's levels. */
  levels: readonly number[] | undefined;
  theme: Theme;
}

function cellFor(column: TrialColumn, trial: TrialView, c: CellContext): TableCell {
  const s = trial.snapshot;
  switch (column.of.kind) {
    case 'flags': {
      // '›' cursor, '★' best (a sweep of several objectives: on the Pareto front), '▲' promoted (protected from pruning), '●' marked for the plot.
      const text = `${c.selected ? '›' : ' '}${c.isBest ? '★' : ' '}${s.promoted ? '▲' : ' '}${c.mark ? '●' : ' '}`;
      return { text, colour: c.mark?.colour ?? (c.isBest ? c.theme.best : s.promoted ? c.theme.promoted : undefined) };
    }
    case 'id':
      return { text: String(s.id), bold: c.isBest, colour: c.isBest ? c.theme.best : undefined };
    case 'state': {
      if (waitsForPromotion(s)) return { text: 'waiting', colour: c.theme.muted };
      const silent = silentFor(trial, c.clock);
      return silent === null
        ? { text: s.state, colour: c.theme.state[s.state] }
        : { text: `silent ${formatCoarse(silent)}`, colour: c.theme.warn };
    }
    case 'eta': {
      const eta = trialEta(trial, c.clock);
      return { text: eta === null ? '-' : formatRemaining(eta) };
    }
    case 'param':
      return { text: formatParam(s.params[column.of.name], column.width) };
    case 'step':
      return { text: s.step === null ? '-' : String(s.step) };
    case 'last':
      return { text: fitNumber(s.objective, column.width) };
    case 'best':
      return { text: fitNumber(s.best, column.width), colour: c.isBest ? c.theme.best : undefined };
    case 'objective':
      return { text: fitNumber(s.objectives?.[column.of.index] ?? null, column.width), colour: c.isBest ? c.theme.best : undefined };
    case 'runs':
      return { text: runsCell(s, column.width) };
    case 'budget': {
      const level = budgetLevelOf(s, c.levels);
      return { text: level ? levelText(level) : '-' };
    }
    case 'curve':
      return { text: sparkline(trial.series[c.objective]?.values ?? [], column.width) };
    case 'runtime':
      return { text: s.startedAt === null ? '-' : formatElapsed(runtimeOf(trial, c.now)) };
    case 'cpu':
      return { text: c.usage ? String(c.usage.cpuPercent) : '-' };
    case 'rss':
      return { text: c.usage ? formatBytes(c.usage.rssBytes) : '-' };
  }
}

/** `± 0.006 (3/5)` where it fits, else `3/5`: runs completed of all, the spread of their results. */
function runsCell(s: TrialView['snapshot'], width: number): string {
  if (!s.runs) return '';
  const count = `${s.runs.filter((r) => r.state === 'completed').length}/${s.runs.length}`;
  const spread = s.contexts > 1 ? `± ${fitNumber(s.spread, 6)} (${count})` : '';
  return spread !== '' && spread.length <= width ? spread : count;
}

/**
 * The trial rows with the runs of the opened trials under them, cut to `height` lines so the
 * cursor's trial, and as many of its runs as fit, stay in sight.
 */
function withRunLines(
  rows: TableRowData[],
  view: SweepView,
  expanded: readonly number[],
  columns: readonly TrialColumn[],
  height: number,
  usage: ReadonlyMap<number, GroupUsage> | null,
): TableRowData[] {
  if (expanded.length === 0) return rows;
  const indent = ' '.repeat(columns.slice(0, 2).reduce((sum, c) => sum + c.width + 1, 0));
  const cpuColumn = columns.findIndex((c) => c.of.kind === 'cpu');
  const usageAt = cpuColumn === -1 ? 0 : columns.slice(0, cpuColumn).reduce((sum, c) => sum + c.width + 1, 0);
  const lines: TableRowData[] = [];
  let cursorEnd = -1;
  for (const row of rows) {
    lines.push(row);
    const runs = expanded.includes(row.key as number) ? view.trials.get(row.key as number)?.snapshot.runs : undefined;
    const keyWidth = Math.max(0, ...(runs ?? []).map((r) => r.key.length));
    for (const run of runs ?? []) {
      const value = run.objective === null ? '-' : fitNumber(run.objective, 9);
      const runtime = run.runtimeMs > 0 ? formatElapsed(run.runtimeMs) : '-';
      const line = `${indent}└ ${run.key.padEnd(keyWidth)} ${run.state.padEnd(9)} ${value.padStart(9)} ${runtime.padStart(8)}`;
      const used = runUsage(run, usage);
      // under the trial's cpu%/rss columns where the line leaves room, else right after it
      const text = used
        ? `${line.padEnd(usageAt - 1)} ${String(used.cpuPercent).padStart(5)} ${formatBytes(used.rssBytes).padStart(6)}`
        : line;
      lines.push({ key: `${row.key}/${run.index}`, cells: [], line: { text } });
    }
    if (row.selected) cursorEnd = lines.length;
  }
  const start =
    cursorEnd > height
      ? Math.min(
          cursorEnd - height,
          lines.findIndex((l) => l.selected),
        )
      : 0;
  return lines.slice(start, start + height);
}
