import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import { initialUiState } from '../../src/ui/state/ui-state.js';
import { ViewStore } from '../../src/ui/state/view-store.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

/** A recorded objective point, with the standing the engine sends along. */
const metric = (trialId: number, step: number) => {
  const value = 1 / (step + 1);
  const standing = { objective: value, best: value, step, steps: step + 1, spread: null, contexts: 1, objectiveSource: null };
  return { name: 'trial:metric', payload: { trialId, name: 'val_loss', step, value, time: 0, provisional: false, standing } } as const;
};

describe('ViewStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = (options: ConstructorParameters<typeof ViewStore>[1] = {}) => {
    const snapshot = makeSnapshot({ trials: Array.from({ length: 32 }, (_, i) => makeTrial(i + 1, { state: 'running' })) });
    const store = new ViewStore({ sweep: initialSweepView(snapshot, Date.now()), ui: initialUiState }, { tickMs: 0, ...options });
    let commits = 0;
    store.subscribe(() => commits++);
    return { store, commits: () => commits };
  };

  it('turns a flood of events into at most ~10 commits a second', () => {
    const { store, commits } = make();
    // 32 trials × 10 lines a second, for 3 seconds.
    for (let ms = 0; ms < 3000; ms += 10) {
      for (let t = 1; t <= 32; t += 10) store.push(metric(t, ms));
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(200);
    expect(commits()).toBeGreaterThanOrEqual(20);
    expect(commits()).toBeLessThanOrEqual(31);
    expect(store.getState().sweep.trials.get(1)!.snapshot.step).toBe(2990);
  });

  it('applies a key at once, with the events waiting', () => {
    const { store, commits } = make();
    store.push(metric(1, 0));
    store.push(metric(1, 1));
    store.updateUi((s) => ({ ...s.ui, detailOpen: false }));
    expect(commits()).toBe(1);
    expect(store.getState().ui.detailOpen).toBe(false);
    expect(store.getState().sweep.trials.get(1)!.snapshot.step).toBe(1);
  });

  it('draws no second frame for events a key or a flush already showed', () => {
    const { store, commits } = make();
    store.push(metric(1, 0));
    store.updateUi((s) => ({ ...s.ui, detailOpen: false }));
    store.push(metric(1, 1));
    store.flush();
    expect(commits()).toBe(2);
    vi.advanceTimersByTime(2000);
    expect(commits()).toBe(2);
    store.push(metric(1, 2));
    vi.advanceTimersByTime(200);
    expect(commits()).toBe(3);
    expect(store.getState().sweep.trials.get(1)!.snapshot.step).toBe(2);
  });

  it('stretches the gap between data frames to stay under the byte budget', () => {
    let bytes = 0;
    const { store, commits } = make({ byteBudget: 10_000, bytesWritten: () => bytes });
    // Every frame "writes" 5 KB: at 10 KB/s that is at most 2 frames a second.
    store.subscribe(() => (bytes += 5000));
    for (let ms = 0; ms < 5000; ms += 20) {
      store.push(metric(1, ms));
      vi.advanceTimersByTime(20);
    }
    expect(commits()).toBeGreaterThanOrEqual(9);
    expect(commits()).toBeLessThanOrEqual(11);
  });

  it('ticks the clock without events, and stops on dispose', () => {
    const { store, commits } = make({ tickMs: 1000 });
    vi.advanceTimersByTime(3500);
    expect(commits()).toBe(3);
    store.dispose();
    vi.advanceTimersByTime(3000);
    expect(commits()).toBe(3);
  });
});
