/**
 * A benchmark's block as Markdown: where and when it ran, how, and a table of every figure. The
 * same text is printed to the terminal and written to docs/performance.md, so what a person saw
 * run is what the docs say.
 */
import { formatGoal, formatFigure, formatSpread, summarise, type Figure } from './figures.js';

/** Where and when a benchmark ran: the facts a reader needs to judge its figures. */
export interface RunContext {
  /** The command that reproduces the block, e.g. `npm run bench -- scheduler`. */
  command: string;
  startedAt: Date;
  minutes: number;
  cores: number;
  node: string;
  /** os.loadavg() (1, 5 and 15 minutes) when the benchmark started and when it ended. */
  loadAtStart: number[];
  loadAtEnd: number[];
  /** Runs of each figure; 0 when the block holds no timings. */
  runs: number;
}

const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');

export function renderContext(context: RunContext): string {
  const date = context.startedAt.toISOString().replace(/\.\d+Z$/, 'Z');
  const took = context.minutes < 1 ? `${Math.round(context.minutes * 60)} s` : `${context.minutes.toFixed(1)} min`;
  return (
    `Written by \`${context.command}\` on ${date}, in ${took}: ` +
    `${context.cores} cores, Node ${context.node}, load average (1, 5, 15 min) ${load(context.loadAtStart)} at the start ` +
    `and ${load(context.loadAtEnd)} at the end${context.runs ? `; ${context.runs} runs` : ''}.`
  );
}

export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const s = summarise(figure);
    const baseline = s.baseline ? `${figure.baseline!.label}: ${formatSpread(s.baseline, figure.unit)}` : '—';
    const ratio = s.ratio ? formatSpread(s.ratio, '×') : s.baseline ? '— (a baseline value ≤ 0)' : '—';
    const goal = figure.goal ? `${formatGoal(figure)} ${s.met ? '✔' : '✘'}` : '';
    return `| ${figure.label} | ${formatSpread(s.own, figure.unit)} | ${baseline} | ${ratio} | ${goal} |`;
  });
  return [
    '| figure | min / median / max | baseline, in the same runs: min / median / max | figure ÷ baseline, run by run: min / median / max | goal (on the median) |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** A Markdown table of values that are results rather than timings (e.g. a quality comparison). */
export function renderResultTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number) => (typeof v === 'number' ? formatFigure(v) : v);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
