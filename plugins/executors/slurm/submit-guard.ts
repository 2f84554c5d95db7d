/**
 * Stops submitting after the same sbatch error several times in a row (a bad partition, an
 * account over its limit): every further trial would fail the same way, and a sweep must not
 * hammer slurmctld with a thousand doomed submissions. A success in between resets the count.
 */
export const IDENTICAL_ERRORS_TO_STOP = 3;

export class SubmitGuard {
  private lastError: string | null = null;
  private repeats = 0;

  /** Set once submission has stopped: the reason, for every trial that is refused. */
  get stoppedReason(): string | null {
    if (this.repeats < IDENTICAL_ERRORS_TO_STOP) return null;
    return `sweeptop stopped submitting after ${this.repeats} identical sbatch errors in a row: ${this.lastError}`;
  }

  succeeded(): void {
    this.lastError = null;
    this.repeats = 0;
  }

  /** Records a failure; true when it is the one that stops submission. */
  failed(message: string): boolean {
    const before = this.repeats;
    this.repeats = message === this.lastError ? this.repeats + 1 : 1;
    this.lastError = message;
    return before < IDENTICAL_ERRORS_TO_STOP && this.repeats >= IDENTICAL_ERRORS_TO_STOP;
  }
}
