/**
 * Holds the sweep view and the UI state, and decides when React sees changes. Engine events are
 * queued and applied in batches: React and Ink do their work at most ~10 times a second however
 * fast metrics arrive (Ink's maxFps throttles writes, not React work). Keys are
 * applied at once, with the queued events, so a key is answered in the next frame.
 *
 * Over SSH bytes matter more than frames: the next data frame waits until the bytes written since
 * the last one fit in `byteBudget` bytes a second (1 KB written → 250 ms at 4 KB/s). Counted when
 * the next frame is scheduled, not at commit: React renders (and Ink writes) after the commit.
 * 4 KB/s keeps a busy sweep's screen near htop's cost over SSH (2 KB/s measured beside it); since
 * only changed cells are sent (terminal/frame-diff.ts), 32 running trials printing 10 lines a second
 * fit about 6–7 frames a second in it (bench/tui.ts).
 */
import type { EngineEventRecord, SweepView } from './sweep-view.js';
import type { Point } from './series.js';
import { applyEvents, withDisconnect, withHistory, withTail } from './sweep-reducer.js';
import type { UiState } from './ui-state.js';

export interface ViewState {
  sweep: SweepView;
  ui: UiState;
}

export interface ViewStoreOptions {
  /** @default Date.now */
  now?: () => number;
  /** Shortest gap between two data frames. @default 100 (10 frames a second) */
  minIntervalMs?: number;
  /** Longest gap, whatever the bytes. @default 1000 */
  maxIntervalMs?: number;
  /** Bytes a second data frames may use. @default 4096 */
  byteBudget?: number;
  /** Bytes written to the terminal so far (from the output proxy); without it there is no budget. */
  bytesWritten?: () => number;
  /** Redraw this often without events, so clocks move; 0 turns it off. @default 1000 */
  tickMs?: number;
}

export class ViewStore {
  private state: ViewState;
  private queue: EngineEventRecord[] = [];
  private listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private lastDataCommit = -Infinity;
  /**
   * Something waits for the next data frame (events, a clock tick, the arrival count). A key or a
   * flush that commits first takes it along: the timer then finds nothing to show and draws
   * nothing, where a second React and Ink pass over an unchanged screen cost a whole frame's CPU.
   */
  private due = false;
  private bytesAtDataCommit = 0;
  private readonly now: () => number;
  private readonly minInterval: number;
  private readonly maxInterval: number;
  private readonly byteBudget: number;
  private readonly bytesWritten: (() => number) | undefined;
  /** Data frames committed; for the benchmark. */
  dataFrames = 0;

  constructor(initial: ViewState, options: ViewStoreOptions = {}) {
    this.state = initial;
    this.now = options.now ?? Date.now;
    this.minInterval = options.minIntervalMs ?? 100;
    this.maxInterval = options.maxIntervalMs ?? 1000;
    this.byteBudget = options.byteBudget ?? 4096;
    this.bytesWritten = options.bytesWritten;
    const tick = options.tickMs ?? 1000;
    if (tick > 0) {
      this.ticker = setInterval(() => {
        this.due = true;
        this.schedule();
      }, tick);
      this.ticker.unref();
    }
  }

  getState = (): ViewState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Queues an engine event; it reaches the screen with the next data frame. */
  push(event: EngineEventRecord): void {
    this.queue.push(event);
    this.due = true;
    this.schedule();
  }

  /** Applies queued events now (after a command is acknowledged, so its effect shows at once). */
  flush(): void {
    this.commit(this.state.ui, true);
  }

  /** A key's change: applied at once, together with whatever events are waiting. */
  updateUi(update: (state: ViewState) => UiState): void {
    const sweep = this.applyQueue();
    this.state = { sweep, ui: this.state.ui };
    this.commit(update(this.state), false);
  }

  /** Curves read from disk for a trial that reported before this UI attached. */
  addHistory(trialId: number, history: ReadonlyMap<string, readonly Point[]>): void {
    this.state = { ...this.state, sweep: withHistory(this.state.sweep, trialId, history) };
    for (const listener of this.listeners) listener();
  }

  /** The controller serving the sweep is gone (see withDisconnect). */
  disconnect(reason: string): void {
    // nothing is live any more: runtimes stop where the controller left them
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.state = { ...this.state, sweep: withDisconnect(this.applyQueue(), reason, this.now()) };
    for (const listener of this.listeners) listener();
  }

  /** How many of a big sweep's trials are in (null: all); shown with the next data frame. */
  setArriving(arriving: SweepView['arriving']): void {
    this.state = { ...this.state, sweep: { ...this.state.sweep, arriving } };
    this.due = true;
    this.schedule();
  }

  /** Last lines of output read from disk (see withTail). */
  addTail(trialId: number, lines: readonly string[], replace = false): void {
    const sweep = withTail(this.state.sweep, trialId, lines, replace);
    if (sweep === this.state.sweep) return;
    this.state = { ...this.state, sweep };
    for (const listener of this.listeners) listener();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.ticker) clearInterval(this.ticker);
    this.timer = this.ticker = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.timer) return;
    const spent = (this.bytesWritten?.() ?? 0) - this.bytesAtDataCommit;
    const gap = Math.min(this.maxInterval, Math.max(this.minInterval, (spent / this.byteBudget) * 1000));
    const wait = Math.max(0, this.lastDataCommit + gap - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.due) this.commit(this.state.ui, true);
    }, wait);
  }

  private applyQueue(): SweepView {
    const events = this.queue;
    this.queue = [];
    return applyEvents(this.state.sweep, events, this.now());
  }

  private commit(ui: UiState, isData: boolean): void {
    this.due = false;
    if (isData) {
      this.dataFrames++;
      this.lastDataCommit = this.now();
      this.bytesAtDataCommit = this.bytesWritten?.() ?? 0;
    }
    this.state = { sweep: this.queue.length > 0 || isData ? this.applyQueue() : this.state.sweep, ui };
    for (const listener of this.listeners) listener();
  }
}
