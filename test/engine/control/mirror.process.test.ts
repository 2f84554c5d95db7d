import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotMirror } from '../../../src/engine/control/mirror.js';
import { ENGINE_EVENT_NAMES, type SweepSnapshot } from '../../../src/engine/events.js';
import { isActive } from '../../../src/plugin-api/trial-state.js';
import { stopTrackedSweeps } from '../../helpers/cleanup.js';
import { makeSweep, runToEnd, TempDir, TRAINER } from '../../helpers/sweep.js';
import { makeSnapshot, makeTrial } from '../../ui/fake-client.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(async () => {
  await stopTrackedSweeps();
  temp.remove();
});

const EVENTS = ENGINE_EVENT_NAMES;

/** The fields the engine changes without an event (see mirror.ts) are left out of the comparison. */
function comparable(snapshot: SweepSnapshot): SweepSnapshot {
  return {
    ...snapshot,
    trials: snapshot.trials.map((t) => ({
      ...t,
      runtimeMs: isActive(t.state) ? 0 : t.runtimeMs,
      pruneThreshold: null,
      stderrTail: isActive(t.state) ? [] : t.stderrTail,
      ...(t.runs && { runs: t.runs.map((r) => ({ ...r, runtimeMs: isActive(r.state) ? 0 : r.runtimeMs })) }),
    })),
  };
}

describe('SnapshotMirror', () => {
  it("folded over a real sweep's events, equals the engine's snapshot after every event", async () => {
    const sweep = await makeSweep(
      temp,
      `command: node ${TRAINER} --lr {lr} --epochs 4 --epoch-ms 20 --nan-at {nan_at}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  nan_at: {type: choice, values: [1, 99]}
sampler: random
seed: 5
trials: 8
parallel: 3
metric: {name: val_loss, goal: minimize}
`,
    );
    const mirror = new SnapshotMirror(sweep.snapshot());
    let checked = 0;
    const mismatches: string[] = [];
    for (const event of EVENTS) {
      sweep.on(event, (payload) => {
        mirror.apply(event, payload);
        checked++;
        try {
          expect(comparable(mirror.snapshot())).toEqual(comparable(sweep.snapshot()));
        } catch {
          mismatches.push(`after ${event} #${checked}`);
        }
      });
    }
    const final = await runToEnd(sweep);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect(final.trials.some((t) => Number.isNaN(t.objective))).toBe(true);
    expect(final.trials.some((t) => t.objective !== null && !Number.isNaN(t.objective))).toBe(true);
  });

  it("folded over a sweep with folds and repeats, equals the engine's snapshot: its runs' live values and the winner's distinction", async () => {
    const sweep = await makeSweep(
      temp,
      `command: node ${resolve('fixtures/fold-run.mjs')} --lr {lr} --fold {fold} --repeat {repeat} --epochs 3 --epoch-ms 10
parameters:
  lr: {type: categorical, values: [0.1, 0.2, 0.3]}
sampler: grid
parallel: 2
folds: 3
repeats: 2
runs_parallel: 2
runs_pruning: false
metric: {name: val_acc, goal: maximize}
`,
    );
    const mirror = new SnapshotMirror(sweep.snapshot());
    const mismatches: string[] = [];
    let checked = 0;
    for (const event of EVENTS) {
      sweep.on(event, (payload) => {
        mirror.apply(event, payload);
        checked++;
        try {
          expect(comparable(mirror.snapshot())).toEqual(comparable(sweep.snapshot()));
        } catch {
          mismatches.push(`after ${event} #${checked}`);
        }
      });
    }
    const final = await runToEnd(sweep);
    expect(mismatches).toEqual([]);
    expect(final.winner?.rivals).toHaveLength(2);
  });

  it('hands out snapshots that later events do not change', () => {
    const mirror = new SnapshotMirror(makeSnapshot({ trials: [makeTrial(0, { state: 'running' })] }));
    const before = mirror.snapshot();
    const trialBefore = structuredClone(before.trials[0]);
    const standing = { objective: 0.5, best: 0.5, step: 0, steps: 1, spread: null, contexts: 1, objectiveSource: null };
    mirror.apply('trial:metric', { trialId: 0, name: 'val_loss', step: 0, value: 0.5, time: 0, provisional: false, standing });
    mirror.apply('trial:updated', { trial: makeTrial(1), previousState: null });
    mirror.apply('sweep:settings', { parallel: 9, trialsTarget: 99 });
    expect(before.trials).toHaveLength(1);
    expect(before.trials[0]).toEqual(trialBefore);
    expect(before.parallel).toBe(4);
    expect(mirror.snapshot()).toMatchObject({
      parallel: 9,
      trialsTarget: 99,
      trials: [{ objective: 0.5, best: 0.5, steps: 1, step: 0 }, { id: 1 }],
    });
  });

  it('takes the objective the engine sent with a point, and never recomputes it; provisional values change nothing', () => {
    const mirror = new SnapshotMirror(makeSnapshot({ trials: [makeTrial(0, { state: 'running' })] }));
    const standing = { objective: 0.96, best: 0.97, step: 3, steps: 10, spread: 0.01, contexts: 2, objectiveSource: null };
    mirror.apply('trial:metric', {
      trialId: 0,
      name: 'accuracy',
      step: 3,
      value: 0.95,
      time: 0,
      provisional: false,
      context: 'fold 2',
      standing,
    });
    mirror.apply('trial:metric', { trialId: 0, name: 'val_loss', step: 3, value: 0.2, time: 0, provisional: true });
    mirror.apply('trial:metric', { trialId: 0, name: 'lr', step: 3, value: 0.1, time: 0, provisional: false });
    expect(mirror.snapshot().trials[0]).toMatchObject({ ...standing, lastMetrics: { accuracy: 0.95, lr: 0.1 } });
  });

  it('takes the phase and the stop reason from sweep:stopping', () => {
    const mirror = new SnapshotMirror(makeSnapshot());
    mirror.apply('sweep:stopping', { reason: 'budget reached', phase: 'running' });
    expect(mirror.snapshot()).toMatchObject({ phase: 'running', stopReason: 'budget reached' });
    mirror.apply('sweep:stopping', { reason: 'stopped by tui', phase: 'stopping' });
    expect(mirror.snapshot()).toMatchObject({ phase: 'stopping', stopReason: 'stopped by tui' });
  });

  it('takes a full disk, and its end, from sweep:disk', () => {
    const mirror = new SnapshotMirror(makeSnapshot());
    const diskFull = { since: 1, dir: '/sweep', heldWrites: 2, droppedPoints: 0 };
    mirror.apply('sweep:disk', { diskFull });
    expect(mirror.snapshot().diskFull).toEqual(diskFull);
    mirror.apply('sweep:disk', { diskFull: null });
    expect(mirror.snapshot().diskFull).toBeNull();
  });
});
