/**
 * The front view drawn by the App (ink-testing-library, 100×30): `o` shows the engine's front
 * listed and starred, says how many completed trials lack an objective (not drawn), and follows
 * the sweep: a trial completing that beats a member takes its place in the list and the plot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../src/engine/events.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, type Rendered } from './render-app.js';

const ACC = { name: 'val_acc', goal: 'maximize', value: 'last', combine: 'mean' } as const;
const LATENCY = { name: 'latency_ms', goal: 'minimize', value: 'last', combine: 'mean' } as const;

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

const done = (id: number, acc: number | null, latency: number | null): Partial<TrialSnapshot> => ({
  state: 'completed',
  objective: acc,
  objectives: [acc, latency],
});
const listedIds = (frame: string) => [...plain(frame).matchAll(/[› ] #(\d+)\s+\S+\s+\S+\s*$/gm)].map((m) => Number(m[1]));
/** Members drawn on the plot (its lines have the y axis), not the legend's marks. */
const stars = (frame: string) =>
  plain(frame)
    .split('\n')
    .filter((line) => /^.{9}[│┤]/.test(line))
    .flatMap((line) => [...line])
    .filter((c) => c === '★' || c === '◆').length;

describe('the front view in the App', () => {
  it('lists and stars the front, counts a trial lacking latency_ms, and follows a trial that completes', async () => {
    const trials = [
      makeTrial(1, done(1, 0.9, 30)),
      makeTrial(2, done(2, 0.95, 50)),
      makeTrial(3, done(3, 0.85, 40)),
      makeTrial(4, done(4, 0.99, null)),
      makeTrial(5, { state: 'running' }),
    ];
    const client = new FakeClient(makeSnapshot({ metric: ACC, objectives: [ACC, LATENCY], trials }), { engine: true });
    app = renderApp(client, { rows: 30 });
    await app.until((f) => f.includes('sort id'));
    await app.type('o');
    const frame = plain(await app.until((f) => plain(f).includes('Pareto front · val_acc × latency_ms'), 'the front view'));
    expect(frame).toContain('better ↘');
    expect(frame).toContain('2 of 4 completed trials on it');
    expect(frame).toContain('1 trial lacks latency_ms (not plotted)');
    expect(listedIds(frame)).toEqual([2, 1]);
    expect(stars(frame), frame).toBe(2);

    // 5 completes, better than 1 in both: 1 leaves the front
    client.update(5, done(5, 0.92, 20));
    const after = await app.until((f) => plain(f).includes('2 of 5 completed trials on it'), 'the completed trial');
    expect(listedIds(after)).toEqual([2, 5]);
    expect(stars(after)).toBe(2);
  });
});
