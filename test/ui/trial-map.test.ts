import { describe, expect, it } from 'vitest';
import { TrialMap } from '../../src/ui/state/trial-map.js';
import type { TrialView } from '../../src/ui/state/sweep-view.js';
import { makeTrial } from './fake-client.js';

const view = (id: number, state: 'queued' | 'running' = 'queued'): TrialView => ({
  snapshot: makeTrial(id, { state }),
  since: 0,
  series: {},
  tail: [],
  pastUnseen: false,
});

describe('TrialMap', () => {
  it('adds and replaces without changing the map it came from', () => {
    const a = TrialMap.empty.with(new Map(Array.from({ length: 1000 }, (_, i) => [i, view(i)])));
    expect(a.size).toBe(1000);
    const b = a.with(
      new Map([
        [500, view(500, 'running')],
        [1000, view(1000)],
      ]),
    );
    expect(b.size).toBe(1001);
    expect(b.get(500)!.snapshot.state).toBe('running');
    expect(a.get(500)!.snapshot.state).toBe('queued');
    expect(a.has(1000)).toBe(false);
    expect(b.get(3)).toBe(a.get(3));
    expect([...b.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    expect([...b.values()]).toHaveLength(1001);
    expect(b.with(new Map())).toBe(b);
  });
});
