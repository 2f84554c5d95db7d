/**
 * Reads what the POLL script printed: per trial its state, the new bytes of each output stream
 * (raw: a length-prefixed block, so any byte — `\r`, invalid UTF-8 — passes unchanged), and its
 * exit code once it is gone.
 */
export interface TrialReport {
  /** The /proc state letter (R, S, T, D…), or null when the trial's process is gone. */
  state: string | null;
  /** New output per file name (stdout.log, stderr.log), in order. */
  output: Map<string, Buffer>;
  /** From the exit_code file once the trial is gone; null without one (killed with SIGKILL, lost). */
  exitCode: number | null;
  /** Gone, but processes it started are still in its process group. */
  leftovers: boolean;
}

export function parsePollOutput(data: Buffer): Map<number, TrialReport> {
  const reports = new Map<number, TrialReport>();
  const reportOf = (pid: number) => {
    let report = reports.get(pid);
    if (!report) reports.set(pid, (report = { state: null, output: new Map(), exitCode: null, leftovers: false }));
    return report;
  };
  let at = 0;
  while (at < data.length) {
    let end = data.indexOf(0x0a, at);
    if (end < 0) end = data.length;
    const [kind, pidText, value, size] = data.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    const pid = Number(pidText);
    if (!Number.isInteger(pid)) continue;
    const report = reportOf(pid);
    if (kind === 'T') report.state = value === 'X' ? null : value;
    else if (kind === 'E') report.exitCode = /^\d+$/.test(value) ? Number(value) : null;
    else if (kind === 'L') report.leftovers = true;
    else if (kind === 'O') {
      const length = Number(size);
      report.output.set(value, data.subarray(at, at + length));
      at += length;
    }
  }
  return reports;
}
