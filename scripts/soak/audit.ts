/**
 * The soak's audit: what the fake trainers' ledger says really ran, against what sweeptop
 * recorded. Each problem names the trial, the attempt and the file that shows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LedgerEvent {
  event: 'start' | 'end';
  trial: number;
  attempt: number;
  params: Record<string, string>;
  pid: number;
  time: number;
  exit?: number;
}

/** A trial as `status --json` gives it (only what the audit reads). */
export interface RecordedTrial {
  id: number;
  state: string;
  params: Record<string, unknown>;
  exit_code: number | null;
  reason: string | null;
}

export interface AuditFigures {
  trials: number;
  /** Trials whose successful run (exit 0 in the ledger) is not recorded as completed. */
  lost: number;
  /** (trial, attempt) pairs started more than once, and trials started again after a success. */
  duplicated: number;
  /** Starts whose argv values differ from the trial's recorded parameters or are empty. */
  wrongParams: number;
  /** Trials not in a terminal state, recorded completed with no successful run, or a count other than the budget. */
  inconsistent: number;
  problems: string[];
}

const TERMINAL = new Set(['completed', 'failed', 'pruned', 'killed', 'timed_out', 'lost']);

export function readLedger(path: string): LedgerEvent[] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LedgerEvent);
}

/** How sweeptop writes a value on a command line (floats as JavaScript's String(x)). */
const asArgument = (value: unknown) => String(value);

function readParamsFile(dir: string, id: number): string {
  try {
    return readFileSync(join(dir, 'trials', String(id), 'params.json'), 'utf8');
  } catch (error) {
    return `(unreadable: ${(error as NodeJS.ErrnoException).code})`;
  }
}

export function audit(ledger: LedgerEvent[], recorded: RecordedTrial[], dir: string, budget: number): AuditFigures {
  const problems: string[] = [];
  const byId = new Map(recorded.map((t) => [t.id, t]));
  const starts = new Map<string, LedgerEvent[]>();
  let duplicated = 0;
  let wrongParams = 0;
  let lost = 0;
  let inconsistent = 0;

  for (const event of ledger.filter((e) => e.event === 'start')) {
    const key = `${event.trial}/${event.attempt}`;
    starts.set(key, [...(starts.get(key) ?? []), event]);
    const trial = byId.get(event.trial);
    const where = `trial ${event.trial} attempt ${event.attempt} (pid ${event.pid})`;
    if (!trial) {
      wrongParams++;
      problems.push(`${where} ran, but status --json lists no such trial`);
      continue;
    }
    const expected = Object.fromEntries(Object.entries(trial.params).map(([k, v]) => [k, asArgument(v)]));
    const names = new Set([...Object.keys(expected), ...Object.keys(event.params)]);
    const wrong = [...names].filter((n) => expected[n] === undefined || event.params[n] !== expected[n] || event.params[n] === '');
    if (wrong.length > 0 || names.size === 0) {
      wrongParams++;
      problems.push(
        `${where} ran with ${JSON.stringify(event.params)}; recorded ${JSON.stringify(trial.params)}; ` +
          `trials/${event.trial}/params.json now holds ${readParamsFile(dir, event.trial)}`,
      );
    }
  }
  for (const [key, events] of starts) {
    if (events.length < 2) continue;
    duplicated += events.length - 1;
    problems.push(`trial/attempt ${key} started ${events.length} times (pids ${events.map((e) => e.pid).join(', ')})`);
  }

  const succeeded = new Map<number, number>();
  for (const event of ledger) {
    if (event.event === 'end' && event.exit === 0 && !succeeded.has(event.trial)) succeeded.set(event.trial, event.attempt);
  }
  for (const [id, attempt] of succeeded) {
    const trial = byId.get(id);
    if (trial?.state !== 'completed') {
      lost++;
      problems.push(
        `trial ${id} attempt ${attempt} ended with exit 0 (ledger) but is recorded ${trial ? `${trial.state} (${trial.reason ?? 'no reason'})` : 'nowhere'}`,
      );
    }
    const later = ledger.filter((e) => e.event === 'start' && e.trial === id && e.attempt > attempt);
    if (later.length > 0) {
      duplicated += later.length;
      problems.push(
        `trial ${id} succeeded at attempt ${attempt}, then was started again as attempt ${later.map((e) => e.attempt).join(', ')}`,
      );
    }
  }
  for (const trial of recorded) {
    if (trial.state === 'completed' && !succeeded.has(trial.id)) {
      inconsistent++;
      problems.push(`trial ${trial.id} is recorded completed, but no run of it ended with exit 0 in the ledger`);
    }
    if (!TERMINAL.has(trial.state)) {
      inconsistent++;
      problems.push(`trial ${trial.id} is ${trial.state} after the sweep finished`);
    }
  }
  if (recorded.length !== budget) {
    inconsistent++;
    problems.push(`status --json lists ${recorded.length} trials, the sweep's budget is ${budget}`);
  }
  return { trials: recorded.length, lost, duplicated, wrongParams, inconsistent, problems };
}
