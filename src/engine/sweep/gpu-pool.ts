/**
 * GPU ids handed to running trials. No id is ever given to two trials at once; a paused trial
 * keeps its ids (its memory is still held on the device).
 */
/** Who holds a slot: a trial's id, or `<id>/<run>` for a run of a trial with folds or repeats. */
export type SlotKey = number | string;

export class GpuPool {
  private readonly free: string[];
  private readonly held = new Map<SlotKey, string[]>();

  constructor(
    readonly ids: readonly string[],
    readonly perTrial: number,
  ) {
    this.free = [...ids];
  }

  get inUse(): number {
    return this.ids.length - this.free.length;
  }

  canAllocate(): boolean {
    return this.free.length >= this.perTrial;
  }

  /** Takes `perTrial` ids for the trial, lowest first; undefined when not enough are free. */
  allocate(trialId: SlotKey): string[] | undefined {
    if (this.held.has(trialId)) return this.held.get(trialId);
    if (!this.canAllocate()) return undefined;
    const taken = this.free.splice(0, this.perTrial);
    this.held.set(trialId, taken);
    return taken;
  }

  /** Marks ids as held by a trial found running after a restart. */
  claim(trialId: SlotKey, gpus: readonly string[]): void {
    const taken = gpus.filter((id) => this.free.includes(id));
    for (const id of taken) this.free.splice(this.free.indexOf(id), 1);
    this.held.set(trialId, taken);
  }

  release(trialId: SlotKey): void {
    const ids = this.held.get(trialId);
    if (!ids) return;
    this.held.delete(trialId);
    this.free.push(...ids);
    this.free.sort((a, b) => this.ids.indexOf(a) - this.ids.indexOf(b));
  }
}
