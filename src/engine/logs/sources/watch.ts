/**
 * A trial's `logs:` files as metric sources. chokidar discovers the files that match the patterns
 * — including ones that appear later, in folders that do not exist yet — watching only the
 * folders a match could be in. Each file is then followed by the foundation's FileTailer from the
 * offset already read (a resumed sweep never re-reads a whole file) and read by the record
 * parser its name calls for (CSV, JSON lines, TensorBoard events, or a text log).
 *
 * A truncated or replaced file is read again from its start. A CSV file rewritten with a wider
 * header (Lightning's CSVLogger, when a new metric appears) is read again from its start too, and
 * points already delivered are not delivered twice. A problem with a file is reported once.
 */
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { FileTailer } from '../tailer.js';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import type { MetricRule } from '../../metrics/rules.js';
import type { LineParser } from '../../../plugin-api/parser.js';
import { compileGlob, type CompiledGlob } from './glob.js';
import { createRecordParser, fileKind } from './file-kind.js';
import type { RecordParser } from './record-parser.js';
import { rowMismatch, splitCsvLine, type CsvParser } from './csv.js';

export interface LogSourceOptions {
  /** The sweep file's `logs:` patterns, relative to `cwd` unless absolute. */
  patterns: readonly string[];
  /** The trial's working directory. */
  cwd: string;
  /** Values of `{trial.dir}`, `{trial.id}`, … in the patterns. */
  vars: Readonly<Record<string, string>>;
  /** Absolute path → byte offset already read (from `onPoints`' `endOffset`), to resume. */
  offsets?: Readonly<Record<string, number>>;
  /** Fill missing steps as a sweep does (StepFiller); true by default. */
  fillSteps?: boolean;
  /** Parsers for text log files, one fresh set per file; none by default. */
  createParsers?: () => LineParser[];
  /** The sweep file's `metrics:` rules, for text log files. */
  rules?: MetricRule[];
  /** The tailers' poll interval in ms (they also use fs.watch); 250 by default. */
  pollMs?: number;
  /** New points of `file`; `endOffset` is where reading would resume after them. */
  onPoints(points: ExtractedPoint[], file: string, endOffset: number): void;
  /** Once per distinct problem per file: unreadable, corrupt record, bad row. */
  onProblem(file: string, message: string): void;
}

export interface LogSources {
  /** Reads every file to its end one last time, then stops watching. */
  stop(): Promise<void>;
  /** The files found so far. */
  files(): string[];
}

interface Followed {
  tailer: FileTailer;
  parser: RecordParser;
  /** CSV only: points already delivered, so that a rewritten file does not repeat them. */
  delivered: Set<string> | null;
}

export function watchLogSources(options: LogSourceOptions): LogSources {
  const globs = options.patterns.map((pattern) => compileGlob(pattern, options.cwd, options.vars));
  const followed = new Map<string, Followed>();
  const reported = new Map<string, Set<string>>();
  let stopped = false;

  const problem = (file: string, message: string) => {
    const seen = reported.get(file) ?? new Set<string>();
    reported.set(file, seen);
    if (seen.has(message)) return;
    seen.add(message);
    options.onProblem(file, message);
  };

  const deliver = (file: string, entry: Followed, points: ExtractedPoint[]) => {
    const fresh = entry.delivered ? points.filter((p) => remember(entry.delivered!, p)) : points;
    if (fresh.length > 0) options.onPoints(fresh, file, entry.parser.offset);
  };

  const newParser = (file: string, offset: number, header: string | undefined, onRowMismatch: (cells: number, columns: number) => void) =>
    createRecordParser(fileKind(file), {
      startOffset: offset,
      fillSteps: options.fillSteps ?? true,
      parsers: options.createParsers?.() ?? [],
      rules: options.rules ?? [],
      header,
      onRowMismatch,
      onProblem: (message) => problem(file, message),
    });

  const follow = async (file: string, offset: number) => {
    const header = fileKind(file) === 'csv' && offset > 0 ? await firstLine(file) : undefined;
    if (stopped) return;
    // a file read again from its start replaces its entry; chunks of the old tailer are dropped
    const previous = followed.get(file);
    let restartScheduled = false;
    let checking = false;
    // a CSV row that does not fit: a rewritten file (read it again) or a bad row (report it)
    const restart = (cells: number, columns: number) => {
      if (restartScheduled || checking) return;
      checking = true;
      const parser = entry.parser as CsvParser;
      void firstLine(file).then((line) => {
        checking = false;
        const same =
          line !== undefined &&
          splitCsvLine(line)
            .map((c) => c.trim())
            .join('\u0000') === parser.header?.join('\u0000');
        if (same) return problem(file, rowMismatch(cells, columns));
        restartScheduled = true;
        void entry.tailer.stop().then(() => follow(file, 0));
      });
    };
    const entry: Followed = {
      delivered: previous?.delivered ?? (fileKind(file) === 'csv' ? new Set() : null),
      parser: newParser(file, offset, header, restart),
      tailer: new FileTailer(file, {
        offset,
        pollMs: options.pollMs,
        onChunk: (chunk) => {
          if (followed.get(file) !== entry || restartScheduled) return;
          deliver(file, entry, entry.parser.push(chunk));
        },
        onReset: () => {
          entry.parser = newParser(file, 0, undefined, restart);
        },
        onError: (error) => problem(file, `cannot read it: ${error.message}`),
      }),
    };
    followed.set(file, entry);
    entry.tailer.start();
  };

  const watcher: FSWatcher = watch(watchRoots(globs), {
    ignoreInitial: false,
    ignored: (path, stats) => !wanted(globs, path, stats?.isFile(), stats?.isDirectory()),
  });
  const starting = new Set<string>();
  watcher.on('add', (path) => {
    if (followed.has(path) || starting.has(path) || !globs.some((glob) => glob.matches(path))) return;
    starting.add(path);
    void follow(path, options.offsets?.[path] ?? 0).finally(() => starting.delete(path));
  });
  watcher.on('error', (error) => problem(options.cwd, `watching for log files failed: ${(error as Error).message}`));

  return {
    files: () => [...followed.keys()],
    async stop() {
      stopped = true;
      await watcher.close();
      for (const [file, entry] of followed) {
        await entry.tailer.stop();
        if (followed.get(file) === entry) deliver(file, entry, entry.parser.end());
      }
    },
  };
}

/** Folders to watch: each pattern's base, or its nearest ancestor that exists already. */
function watchRoots(globs: readonly CompiledGlob[]): string[] {
  const roots = new Set<string>();
  for (const glob of globs) {
    let dir = glob.base;
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    roots.add(dir);
  }
  return [...roots];
}

function wanted(globs: readonly CompiledGlob[], path: string, isFile?: boolean, isDirectory?: boolean): boolean {
  // the roots and the folders above a pattern's base must be watched to see it appear
  if (globs.some((glob) => glob.base === path || glob.base.startsWith(path.endsWith(sep) ? path : path + sep))) return true;
  if (isFile) return globs.some((glob) => glob.matches(path));
  if (isDirectory) return globs.some((glob) => glob.mayContain(path));
  return globs.some((glob) => glob.matches(path) || glob.mayContain(path));
}

function remember(delivered: Set<string>, point: ExtractedPoint): boolean {
  const key = `${point.name}\u0000${point.step}\u0000${point.value}`;
  if (delivered.has(key)) return false;
  delivered.add(key);
  return true;
}

/** The header of a CSV file whose reading resumes after it. */
async function firstLine(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      const end = text.search(/\r?\n/);
      return end === -1 ? undefined : text.slice(0, end);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
