/**
 * useTrialHistory's reads of the selected trial's output when it is not streamed, on a fake clock:
 * which trial is selected changes as often as a test says, and the reads are counted.
 */
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTrialHistory } from '../../src/ui/hooks/use-trial-history.js';
import { initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { TrialView } from '../../src/ui/state/sweep-view.js';
import { initialUiState } from '../../src/ui/state/ui-state.js';
import { ViewStore } from '../../src/ui/state/view-store.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

const running = (id: number): TrialView => ({
  snapshot: makeTrial(id, { state: 'running', pid: 100 + id, startedAt: 1 }),
  since: 0,
  series: {},
  tail: [],
  pastUnseen: false,
});

function Harness({ store, trial, readLog }: { store: ViewStore; trial: TrialView; readLog: (id: number) => Promise<string> }) {
  useTrialHistory(store, trial, readLog, false);
  return <Text>#{trial.snapshot.id}</Text>;
}

/** Lets React run the effects of the last render (its scheduler is not on the fake clock). */
const effects = () => new Promise((resolve) => setImmediate(resolve));

describe('the selected trial’s output, read from its file', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('is read while the selection alternates between two trials faster than a read settles', async () => {
    const trials = [running(1), running(3)];
    const store = new ViewStore({
      sweep: initialSweepView(makeSnapshot({ trials: trials.map((t) => t.snapshot) }), 0),
      ui: initialUiState,
    });
    const reads: number[] = [];
    const readLog = async (id: number) => (reads.push(id), `trial ${id}\n`);
    // the first row of "running first, then best first" as two trials of one curve leapfrog:
    // one leads for 100 ms after its epoch ends, the other (the lower id, on a tie) for 200 ms
    const app = render(<Harness store={store} trial={trials[0]} readLog={readLog} />);
    for (let epoch = 0; epoch < 10; epoch++) {
      for (const [trial, ms] of [
        [trials[1], 100],
        [trials[0], 200],
      ] as const) {
        app.rerender(<Harness store={store} trial={trial} readLog={readLog} />);
        await effects();
        await vi.advanceTimersByTimeAsync(ms);
      }
    }
    app.unmount();
    // 3 s of the two trials: each read at least once, and neither re-read more than every 2 s
    expect(new Set(reads)).toEqual(new Set([1, 3]));
    expect(reads.length).toBeLessThanOrEqual(4);
  });

  it('is not read for a trial only passed over, and re-read every 2 s while one stays selected', async () => {
    const trials = [running(1), running(2), running(3)];
    const store = new ViewStore({
      sweep: initialSweepView(makeSnapshot({ trials: trials.map((t) => t.snapshot) }), 0),
      ui: initialUiState,
    });
    const reads: number[] = [];
    const readLog = async (id: number) => (reads.push(id), `trial ${id}\n`);
    const app = render(<Harness store={store} trial={trials[0]} readLog={readLog} />);
    await effects();
    // scrolled past at key-repeat speed
    for (const trial of [trials[1], trials[2]]) {
      app.rerender(<Harness store={store} trial={trial} readLog={readLog} />);
      await effects();
      await vi.advanceTimersByTimeAsync(30);
    }
    await vi.advanceTimersByTimeAsync(4500);
    app.unmount();
    expect(reads.filter((id) => id !== 3)).toEqual([]);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.length).toBeLessThanOrEqual(3);
  });
});
