/**
 * useRowCurves's reads of the curves of the table's rows on screen that reported before the UI
 * attached, on a fake clock: which rows are on screen, and in which order, changes as often as a
 * test says, and the reads of each trial's metrics are counted.
 */
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRowCurves } from '../../src/ui/hooks/use-trial-history.js';
import { initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { TrialView } from '../../src/ui/state/sweep-view.js';
import { initialUiState } from '../../src/ui/state/ui-state.js';
import { ViewStore } from '../../src/ui/state/view-store.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

const reads = vi.hoisted(() => [] as string[]);
vi.mock('../../src/ui/data/metrics-history.js', () => ({
  readMetricHistory: async (dir: string) => (reads.push(dir), new Map()),
}));

/** A trial running since before the UI attached: its first steps are only on disk. */
const reported = (id: number): TrialView => ({
  snapshot: makeTrial(id, { state: 'running', pid: 100 + id, startedAt: 1, steps: 5, dir: `/sweep/trials/${id}` }),
  since: 0,
  series: {},
  tail: [],
  pastUnseen: true,
});

function Harness({ store, rows }: { store: ViewStore; rows: readonly TrialView[] }) {
  useRowCurves(store, rows);
  return <Text>{rows.map((t) => t.snapshot.id).join(' ')}</Text>;
}

/** Lets React run the effects of the last render (its scheduler is not on the fake clock). */
const effects = () => new Promise((resolve) => setImmediate(resolve));

function setup(trials: readonly TrialView[]) {
  const store = new ViewStore({
    sweep: initialSweepView(makeSnapshot({ trials: trials.map((t) => t.snapshot) }), 0),
    ui: initialUiState,
  });
  const app = render(<Harness store={store} rows={[]} />);
  /** Shows `rows` for `ms` milliseconds. */
  const show = async (rows: readonly TrialView[], ms: number) => {
    app.rerender(<Harness store={store} rows={rows} />);
    await effects();
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { show, unmount: () => app.unmount() };
}

const readIds = () => reads.map((dir) => Number(dir.split('/').at(-1))).sort((a, b) => a - b);

describe('the curves of the rows on screen, read from their files', () => {
  beforeEach(() => {
    reads.length = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  it('are read while two rows swap places faster than a read settles', async () => {
    const [a, b, c] = [reported(1), reported(2), reported(3)];
    const { show, unmount } = setup([a, b, c]);
    // two trials of one curve leapfrog at the head of the default sort: one leads for 100 ms
    // after its epoch ends, the other (the lower id, on a tie) for 200 ms; the third row stays
    for (let epoch = 0; epoch < 10; epoch++) {
      await show([b, a, c], 100);
      await show([a, b, c], 200);
    }
    unmount();
    expect(readIds()).toEqual([1, 2, 3]);
  });

  it('of rows that stay are read while the last row changes faster than a read settles', async () => {
    const [a, b, c, d] = [reported(1), reported(2), reported(3), reported(4)];
    const { show, unmount } = setup([a, b, c, d]);
    // two trials of one curve take turns at the bottom of the screen, one in view, one below it
    for (let epoch = 0; epoch < 10; epoch++) {
      await show([a, b, c], 100);
      await show([a, b, d], 200);
    }
    unmount();
    expect(readIds()).toEqual([1, 2]);
  });

  it('are not read for rows only scrolled past, and read once for rows that stay', async () => {
    const trials = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(reported);
    const { show, unmount } = setup(trials);
    // a screen of two rows, scrolled one row every 60 ms for 600 ms: the clock ticks meanwhile,
    // but no row stays on screen longer than 120 ms
    for (let top = 0; top < 10; top++) await show(trials.slice(top, top + 2), 60);
    await show(trials.slice(10, 12), 3000);
    unmount();
    expect(readIds()).toEqual([11, 12]);
    expect(reads).toHaveLength(2);
  });
});
