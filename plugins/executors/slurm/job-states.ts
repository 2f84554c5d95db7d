/**
 * Slurm's job states, sorted into what sweeptop shows: waiting in Slurm's queue, running (a
 * STOPPED job is one sweeptop paused), or over. Names as `squeue -o %T` prints them.
 */
export type JobPhase = 'pending' | 'running' | 'ending' | 'ended';

export interface JobRow {
  jobId: string;
  state: string;
  /** Slurm's reason: `Priority`, `Resources`, `BeginTime`… (`None` is dropped). */
  reason: string | null;
}

const PENDING = new Set(['PENDING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'CONFIGURING', 'SPECIAL_EXIT']);
const RUNNING = new Set(['RUNNING', 'STOPPED', 'SUSPENDED', 'SIGNALING', 'RESIZING', 'STAGE_OUT']);
/** The batch script is over; its processes are being cleaned up. */
const ENDING = new Set(['COMPLETING']);

export function jobPhase(state: string): JobPhase {
  if (PENDING.has(state)) return 'pending';
  if (RUNNING.has(state)) return 'running';
  if (ENDING.has(state)) return 'ending';
  return 'ended';
}

/** The machine never ran (or lost) the job: nothing to learn from it; it is `lost`. */
export const NODE_FAILURES = new Set(['NODE_FAIL', 'BOOT_FAIL']);

/** Parses `squeue -h -o '%i|%T|%r'`; lines that do not fit are ignored. */
export function parseSqueue(stdout: string): JobRow[] {
  const rows: JobRow[] = [];
  for (const line of stdout.split('\n')) {
    const [jobId, state, reason] = line.trim().split('|');
    if (!jobId || !/^\d+$/.test(jobId) || !state) continue;
    rows.push({ jobId, state, reason: reason && reason !== 'None' && reason !== '(null)' ? reason : null });
  }
  return rows;
}
