/**
 * What every benchmark does with its figures: notes the machine and its load when it starts,
 * and when it finishes prints its block and writes it into docs/performance.md (unless `--quick`
 * or `--no-write`, or with fewer than 3 runs). A benchmark reads as: `const bench =
 * new Bench('name')`, measure with `interleave`, then `bench.finish({ method, figures })`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBlock } from './docs-block.js';
import type { Figure } from './figures.js';
import { readOptions, RUNS_TO_WRITE, type BenchOptions } from './options.js';
import { renderContext, renderTable } from './render.js';

export const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));

export interface Report {
  /** How the runs were made, in a sentence or two: what one run is, what ran interleaved with what. */
  method: string;
  figures: Figure[];
  /** Further Markdown written by the bench after the table: results that are not timings. */
  notes?: string[];
}

export class Bench {
  readonly options: BenchOptions;
  private readonly startedAt = new Date();
  private readonly loadAtStart = loadavg();

  /** `block` names the docs block (`<!-- bench:NAME -->`); `argv` are the benchmark's arguments. */
  constructor(
    readonly block: string,
    private readonly argv: readonly string[] = process.argv.slice(2),
  ) {
    this.options = readOptions(argv);
  }

  /** Prints the block and, when this run may, writes it into the docs. */
  finish(report: Report): void {
    // a report of results alone (no timings) was computed once: it has no runs to count
    const runs = report.figures.length ? this.options.runs : 0;
    const table = runs ? [renderTable(report.figures)] : [];
    const body = [this.context(runs), report.method, ...table, ...(report.notes ?? [])].join('\n\n');
    this.publish(body, runs === 0 || runs >= RUNS_TO_WRITE ? null : `fewer than ${RUNS_TO_WRITE} runs`);
  }

  /** For a benchmark that cannot run here: its block says why, instead of showing old figures. */
  notRun(reason: string): void {
    this.publish(`${this.context(0)}\n\nNot run: ${reason}`, null);
  }

  private context(runs: number): string {
    const args = this.argv.filter((a) => a !== '--no-write').join(' ');
    const script = basename(process.argv[1] ?? this.block, '.ts');
    return renderContext({
      command: `npm run bench -- ${script}${args ? ` ${args}` : ''}`,
      startedAt: this.startedAt,
      minutes: (Date.now() - this.startedAt.getTime()) / 60_000,
      cores: availableParallelism(),
      node: process.version,
      loadAtStart: this.loadAtStart,
      loadAtEnd: loadavg(),
      runs,
    });
  }

  private publish(body: string, withheld: string | null): void {
    console.log(`\n${body}\n`);
    const reason = this.options.quick ? '--quick' : !this.options.write ? '--no-write' : withheld;
    if (reason) {
      console.log(`(not written to docs/performance.md: ${reason})`);
      return;
    }
    try {
      writeBlock(PERFORMANCE_DOC, this.block, body);
      console.log(`(written to docs/performance.md, block "${this.block}")`);
    } catch (error) {
      console.error(`not written to docs/performance.md: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
