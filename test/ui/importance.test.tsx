/**
 * useImportance's requests to the worker on a fake clock, while a live sweep completes trials
 * faster than RECOMPUTE_MS: each completion changes the set of trials the request is keyed on.
 */
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportanceTrial } from '../../src/engine/analysis/importance.js';
import type { ImportanceSource } from '../../src/ui/analysis/importance-source.js';
import { RECOMPUTE_MS, useImportance } from '../../src/ui/hooks/use-importance.js';
import { initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { SweepView } from '../../src/ui/state/sweep-view.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

function Harness({ view, source }: { view: SweepView; source: ImportanceSource }) {
  const { computing } = useImportance(view, source, true);
  return <Text>{computing ? 'computing' : 'idle'}</Text>;
}

/** The sweep with its first `completed` trials done; each completion is a new revision. */
const viewWith = (completed: number): SweepView => ({
  ...initialSweepView(
    makeSnapshot({ trials: Array.from({ length: completed }, (_, i) => makeTrial(i, { state: 'completed', objective: i })) }),
    0,
  ),
  revision: completed,
});

/** Lets React run the effects of the last render (its scheduler is not on the fake clock). */
const effects = () => new Promise((resolve) => setImmediate(resolve));

/** A worker that answers at once, and the requests it was sent: when, and for how many trials. */
function instantSource() {
  const asked: { at: number; trials: number }[] = [];
  const source: ImportanceSource = {
    compute: async (trials: ImportanceTrial[]) => (asked.push({ at: Date.now(), trials: trials.length }), { importances: [] } as never),
    dispose: () => {},
  };
  return { asked, source };
}

// The request is asked for whenever the trials change and the last one is RECOMPUTE_MS old: with
// the deadline looked at on every change, a stream of completions cannot starve it; the timer only
// serves the last change of a burst.
describe('parameter importances of a live sweep', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('are recomputed every RECOMPUTE_MS while trials complete faster than that', async () => {
    const { asked, source } = instantSource();
    const start = Date.now();
    const app = render(<Harness view={viewWith(1)} source={source} />);
    // a trial completes every 100 ms for 10 s
    for (let completed = 2; completed <= 100; completed++) {
      await effects();
      await vi.advanceTimersByTimeAsync(100);
      app.rerender(<Harness view={viewWith(completed)} source={source} />);
    }
    await effects();
    app.unmount();
    // asked at once, then each time the 3 s since the last request are up: at 0, 3, 6 and 9 s
    expect(asked.map(({ at }) => Math.round((at - start) / RECOMPUTE_MS))).toEqual([0, 1, 2, 3]);
    expect(asked.map(({ trials }) => trials)).toEqual([1, 31, 61, 91]);
  });

  it('are recomputed for the last trials of a burst once RECOMPUTE_MS are up', async () => {
    const { asked, source } = instantSource();
    const start = Date.now();
    const app = render(<Harness view={viewWith(1)} source={source} />);
    // ten trials complete within a second, then none
    for (let completed = 2; completed <= 10; completed++) {
      await effects();
      await vi.advanceTimersByTimeAsync(100);
      app.rerender(<Harness view={viewWith(completed)} source={source} />);
    }
    await effects();
    // to the 3 s since the first request; the timer's render runs on React's own (real) scheduler
    await vi.advanceTimersByTimeAsync(start + RECOMPUTE_MS - Date.now());
    await effects();
    await vi.advanceTimersByTimeAsync(2 * RECOMPUTE_MS);
    await effects();
    app.unmount();
    expect(asked).toEqual([
      { at: start, trials: 1 },
      { at: start + RECOMPUTE_MS, trials: 10 },
    ]);
  });
});
