/**
 * `sweeptop clean DIR [--pruned] [--keep-top K] [--dry-run] [--json]`: finished trials emptied of
 * their logs and checkpoints (engine/clean/), and what that freed: a line per trial, then the sum.
 */
import { resolve } from 'node:path';
import { cleanSweep, type SweepClean, type TrialClean } from '../../engine/clean/clean-sweep.js';
import { UserError } from '../../engine/errors.js';
import { formatBytes } from '../../ui/format/number.js';
import { safeText } from '../../ui/format/safe-text.js';
import { parseCommandArgs } from '../args/parse.js';
import { CLEAN } from '../command-table.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { versioned } from '../output/json-output.js';
import { CLEAN_JSON } from '../output/shapes.js';

/** Entries named on a trial's line; the rest are counted. */
const NAMED_ENTRIES = 6;

export async function runClean(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(CLEAN, args);
  const keepTop = values['keep-top'] ?? null;
  if (!values.pruned && keepTop === null) {
    throw new UserError('clean: nothing chosen: give --pruned, --keep-top K, or both (and --dry-run to look first)');
  }
  const dryRun = values['dry-run'];
  const result = await cleanSweep(resolve(DIR), { pruned: values.pruned, keepTop }, { dryRun });
  printNotices(result.notices, io);
  if (values.json) {
    println(io.stdout, JSON.stringify(versioned(CLEAN_JSON, 'clean', jsonRecord(result)), null, 2));
    return 0;
  }
  const verb = dryRun ? 'would remove' : 'removed';
  for (const trial of result.trials.filter((t) => t.entries.length > 0)) {
    println(io.stdout, safeText(`trial ${trial.id} (${reasonText(trial, keepTop)}): ${verb} ${sizeText(trial)}: ${entryList(trial)}`));
  }
  const empty = result.trials.filter((t) => t.entries.length === 0).length;
  if (empty > 0) println(io.stdout, `${count(empty, 'trial')} chosen had nothing left to remove`);
  for (const trial of result.left) println(io.stdout, `left alone: trial ${trial.id} (${trial.state}): ${trial.why}`);
  if (keepTop !== null) {
    println(
      io.stdout,
      result.top.length > 0
        ? `kept as the top: trials ${result.top.join(', ')}`
        : 'kept as the top: none (no completed trial with an objective)',
    );
  }
  println(io.stdout, summary(result));
  return 0;
}

function reasonText(trial: TrialClean, keepTop: number | null): string {
  return trial.reason === 'pruned' ? 'pruned' : `${trial.state}, outside the top ${keepTop}`;
}

/** `3 files, 1.2M` (and the hard-linked ones, whose space stays taken). */
function sizeText({ files, bytes, linked }: { files: number; bytes: number; linked: number }): string {
  const links = linked > 0 ? ` (${count(linked, 'file')} with another hard link: not freed while it stays)` : '';
  return `${count(files, 'file')}, ${formatBytes(bytes)}${links}`;
}

/** `stdout.log, stderr.log, ckpt/ (12 files)`, the first few entries named. */
function entryList({ entries }: TrialClean): string {
  const named = entries.slice(0, NAMED_ENTRIES).map((e) => (e.path.endsWith('/') ? `${e.path} (${count(e.files, 'file')})` : e.path));
  const more = entries.length - named.length;
  return named.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function summary(result: SweepClean): string {
  const cleaned = result.trials.filter((t) => t.entries.length > 0).length;
  const what = `${count(result.files, 'file')} of ${count(cleaned, 'trial')}`;
  if (result.dryRun) return `would free ${formatBytes(result.bytes)} (${what}); nothing was removed (--dry-run)`;
  return `freed ${formatBytes(result.bytes)} (${what})${result.linked > 0 ? `; ${count(result.linked, 'file')} had another hard link` : ''}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function jsonRecord(result: SweepClean) {
  return {
    dir: result.dir,
    dry_run: result.dryRun,
    top: result.top,
    trials: result.trials.map((t) => ({
      id: t.id,
      state: t.state,
      reason: t.reason,
      bytes: t.bytes,
      files: t.files,
      linked: t.linked,
      removed: t.entries.map(({ path, bytes, files }) => ({ path, bytes, files })),
    })),
    left: result.left,
    bytes: result.bytes,
    files: result.files,
  };
}
