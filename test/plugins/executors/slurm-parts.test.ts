import { describe, expect, it } from 'vitest';
import { statusFromSlurm } from '../../../plugins/executors/slurm/job-end.js';
import { jobPhase, parseSqueue } from '../../../plugins/executors/slurm/job-states.js';
import { SubmitGuard } from '../../../plugins/executors/slurm/submit-guard.js';
import { executorConfigError as configError } from '../../helpers/sweep.js';

describe('Slurm executor options', () => {
  it('point at the bad option in the sweep file', async () => {
    expect(await configError('  type: slurm\n  cpus_per_task: four')).toMatch(
      /^sweep\.yaml:\d+:\d+: executor\.cpus_per_task: expected an integer >= 1, got "four"/,
    );
    expect(await configError('  type: slurm\n  extra: [--qos=normal, 3]')).toMatch(/executor\.extra\[1\]: expected a string, got 3/);
    expect(await configError('  type: slurm\n  poll_interval: soon')).toMatch(/executor\.poll_interval: expected a duration/);
  });

  it('name the valid ones when one is unknown', async () => {
    expect(await configError('  type: slurm\n  partiton: gpu')).toMatch(
      /executor\.partiton: unknown option for the slurm executor; expected one of partition, gres, cpus_per_task, mem, time, extra, poll_interval/,
    );
  });
});

describe('squeue rows', () => {
  it('are read from the %i|%T|%r format, dropping the reason None', () => {
    expect(parseSqueue('12|PENDING|Resources\n13|RUNNING|None\nsqueue: warning\n14|COMPLETED|\n')).toEqual([
      { jobId: '12', state: 'PENDING', reason: 'Resources' },
      { jobId: '13', state: 'RUNNING', reason: null },
      { jobId: '14', state: 'COMPLETED', reason: null },
    ]);
  });

  it('sort Slurm states into pending, running (a STOPPED job is paused) and over', () => {
    expect(['PENDING', 'CONFIGURING', 'REQUEUED'].map(jobPhase)).toEqual(['pending', 'pending', 'pending']);
    expect(['RUNNING', 'STOPPED', 'SUSPENDED'].map(jobPhase)).toEqual(['running', 'running', 'running']);
    expect(jobPhase('COMPLETING')).toBe('ending');
    expect(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].map(jobPhase)).toEqual(Array(6).fill('ended'));
  });
});

describe("Slurm's record of how a job ended (when the wrapper left no exit_code)", () => {
  it('keeps the exit status and signal, and calls a dead node lost', () => {
    expect(statusFromSlurm('COMPLETED', 0, 0)).toEqual({ exitCode: 0, signal: null });
    expect(statusFromSlurm('FAILED', 143, 0)).toEqual({ exitCode: 143, signal: 'SIGTERM' });
    expect(statusFromSlurm('CANCELLED', 0, 9)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(statusFromSlurm('NODE_FAIL', 0, 0)).toEqual({ exitCode: null, signal: null });
  });

  it('never reads a job cancelled before it ran as a success', () => {
    expect(statusFromSlurm('CANCELLED', 0, 0)).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(statusFromSlurm('TIMEOUT', 0, 0).exitCode).not.toBe(0);
    expect(statusFromSlurm('FAILED', 0, 0)).toEqual({ exitCode: 1, signal: null });
  });
});

describe('the submit guard', () => {
  it('stops submission after three identical sbatch errors in a row, not after different ones', () => {
    const guard = new SubmitGuard();
    expect([guard.failed('Invalid partition'), guard.failed('Invalid partition')]).toEqual([false, false]);
    guard.succeeded();
    expect(guard.failed('Invalid partition')).toBe(false);
    expect(guard.failed('QOSMaxSubmitJobPerUserLimit')).toBe(false);
    expect(guard.failed('QOSMaxSubmitJobPerUserLimit')).toBe(false);
    expect(guard.stoppedReason).toBeNull();
    expect(guard.failed('QOSMaxSubmitJobPerUserLimit')).toBe(true);
    expect(guard.stoppedReason).toMatch(/stopped submitting after 3 identical sbatch errors in a row: QOSMaxSubmitJobPerUserLimit/);
    expect(guard.failed('QOSMaxSubmitJobPerUserLimit')).toBe(false);
  });
});
