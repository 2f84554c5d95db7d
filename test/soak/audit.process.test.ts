/** The soak's audit and process scan catch what they claim to: each fault planted once. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { audit, type LedgerEvent, type RecordedTrial } from '../../scripts/soak/audit.js';
import { SOAK_TOKEN_VARIABLE, tokenProcesses } from '../../scripts/soak/processes.js';
import { waitFor } from '../helpers/sweep.js';

const params = { lr: 0.01, act: 'relu' };
const argv = { lr: '0.01', act: 'relu' };
const start = (trial: number, attempt: number, values = argv, pid = 100 + trial): LedgerEvent => ({
  event: 'start',
  trial,
  attempt,
  params: values,
  pid,
  time: 0,
});
const end = (trial: number, attempt: number, exit: number): LedgerEvent => ({
  event: 'end',
  trial,
  attempt,
  params: argv,
  pid: 100 + trial,
  time: 1,
  exit,
});
const trial = (id: number, state: string): RecordedTrial => ({ id, state, params, exit_code: state === 'completed' ? 0 : 1, reason: null });

describe('the soak audit', () => {
  it('finds nothing in a clean run: a success, and a crash retried once', () => {
    const ledger = [start(0, 0), end(0, 0, 0), start(1, 0), end(1, 0, 1), start(1, 1), end(1, 1, 1)];
    const figures = audit(ledger, [trial(0, 'completed'), trial(1, 'failed')], '/nonexistent', 2);
    expect(figures).toEqual({ trials: 2, lost: 0, duplicated: 0, wrongParams: 0, inconsistent: 0, problems: [] });
  });

  it('counts an attempt started twice, and a trial started again after it succeeded', () => {
    const ledger = [start(0, 1, argv, 7), start(0, 1, argv, 8), start(1, 0), end(1, 0, 0), start(1, 1)];
    const figures = audit(ledger, [trial(0, 'failed'), trial(1, 'completed')], '/nonexistent', 2);
    expect(figures.duplicated).toBe(2);
    expect(figures.problems).toEqual([
      'trial/attempt 0/1 started 2 times (pids 7, 8)',
      'trial 1 succeeded at attempt 0, then was started again as attempt 1',
    ]);
  });

  it('counts a success recorded as anything but completed as lost, and empty or different values as wrong', () => {
    const ledger = [start(0, 0), end(0, 0, 0), start(1, 0, { lr: '', act: '' }), start(2, 0, { lr: '0.02', act: 'relu' })];
    const figures = audit(ledger, [trial(0, 'lost'), trial(1, 'failed'), trial(2, 'failed')], '/nonexistent', 3);
    expect([figures.lost, figures.wrongParams]).toEqual([1, 2]);
    expect(figures.problems[0]).toMatch(
      /^trial 1 attempt 0 \(pid 101\) ran with \{"lr":"","act":""\}; recorded .*params.json now holds \(unreadable: ENOENT\)$/,
    );
  });

  it('counts a trial not finished, completed with no successful run, or a total short of the budget', () => {
    const figures = audit([start(0, 0)], [trial(0, 'running'), trial(1, 'completed')], '/nonexistent', 3);
    expect(figures.inconsistent).toBe(3);
  });
});

describe('the soak process scan', () => {
  const children: number[] = [];
  afterEach(() => {
    for (const pid of children.splice(0)) process.kill(pid, 'SIGKILL');
  });

  it('finds a process by the token in its environment, and not another', async () => {
    const token = `audit-test-${process.pid}`;
    const marked = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], {
      env: { ...process.env, [SOAK_TOKEN_VARIABLE]: token },
      stdio: 'ignore',
    });
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], {
      env: { ...process.env, [SOAK_TOKEN_VARIABLE]: `${token}-other` },
      stdio: 'ignore',
    });
    children.push(marked.pid!, other.pid!);
    await waitFor(() => tokenProcesses(token).length === 1, 5000, 'the marked process');
    expect(tokenProcesses(token).map((p) => p.pid)).toEqual([marked.pid]);
  });
});
