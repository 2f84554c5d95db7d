import { describe, expect, it } from 'vitest';
import { sweepEtaMs, type EtaTrial } from '../../../src/engine/sweep/sweep-eta.js';

const MIN = 60_000;
const trials = (state: EtaTrial['state'], runtimeMs: number, n: number, etaMs: number | null = null): EtaTrial[] =>
  Array.from({ length: n }, () => ({ state, runtimeMs, etaMs }));

describe('sweepEtaMs: when the sweep will end', () => {
  it('is unknown before a trial completed', () => {
    expect(sweepEtaMs([...trials('running', MIN, 2)], 10, 2)).toBeNull();
  });

  it('remaining trials × the median trial time ÷ parallel', () => {
    // 4 completed in 10 min each, 8 still to launch, 2 at a time: 40 min
    expect(sweepEtaMs(trials('completed', 10 * MIN, 4), 12, 2)).toBe(40 * MIN);
  });

  it('is corrected by the pruning rate: a pruned trial costs only what pruned ones took', () => {
    // half are pruned after 2 min: a trial costs 6 min on average; 10 to go, 1 at a time
    const done = [...trials('completed', 10 * MIN, 2), ...trials('pruned', 2 * MIN, 2)];
    expect(sweepEtaMs(done, 14, 1)).toBe(60 * MIN);
  });

  it('a running trial has left its own estimate when known, else the median less what it ran', () => {
    const all = [...trials('completed', 10 * MIN, 1), ...trials('running', 4 * MIN, 1, 3 * MIN), ...trials('running', 4 * MIN, 1)];
    // 3 + 6 minutes over 2 slots, no trial left to launch; never less than the longest running one
    expect(sweepEtaMs(all, 3, 2)).toBe(6 * MIN);
  });

  it('is zero once nothing is left to run', () => {
    expect(sweepEtaMs(trials('completed', MIN, 3), 3, 2)).toBe(0);
  });
});
