import { describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../src/engine/events.js';
import type { EngineEventRecord } from '../../src/ui/state/sweep-view.js';
import { SERIES_CAPACITY } from '../../src/ui/state/series.js';
import { applyEvents, countByState, initialSweepView, withHistory, withDisconnect } from '../../src/ui/state/sweep-reducer.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

const updated = (id: number, patch = {}): EngineEventRecord => ({
  name: 'trial:updated',
  payload: { trial: makeTrial(id, patch), previousState: null },
});
const metric = (trialId: number, step: number, value: number, name = 'val_loss', provisional = false): EngineEventRecord => ({
  name: 'trial:metric',
  payload: { trialId, name, step, value, time: 0, provisional },
});

function viewWith(...events: EngineEventRecord[]) {
  return applyEvents(initialSweepView(makeSnapshot(), 0), events, 1000);
}

describe('sweep reducer', () => {
  it('starts from the snapshot: trials, best, settings', () => {
    const snapshot = makeSnapshot({ trials: [makeTrial(1, { best: 0.3, objective: 0.4 }), makeTrial(2)], bestTrialId: 1 });
    const view = initialSweepView(snapshot, 5);
    expect([...view.trials.keys()]).toEqual([1, 2]);
    expect(view.best).toEqual({ trialId: 1, objective: 0.4 });
    expect(view.metricNames).toEqual(['val_loss']);
    expect(view.params.map((p) => p.name)).toEqual(['lr', 'batch', 'optimizer']);
  });

  it('keeps the objective columns current from the standing the engine sends with metric events (trial:updated is not sent for them)', () => {
    const standing = { objective: 0.8, best: 0.7, step: 2, steps: 3, spread: null, contexts: 1, objectiveSource: null };
    const objective: EngineEventRecord = {
      name: 'trial:metric',
      payload: { trialId: 1, name: 'val_loss', step: 2, value: 0.8, time: 0, provisional: false, standing },
    };
    const view = viewWith(updated(1, { state: 'running' }), metric(1, 0, 0.9), metric(1, 1, 0.7), objective, metric(1, 2, 0.5, 'acc'));
    const trial = view.trials.get(1)!;
    // the first two points came without a standing: the client does not make one up
    expect(trial.snapshot).toMatchObject({ ...standing, lastMetrics: { val_loss: 0.8, acc: 0.5 } });
    expect(trial.series.val_loss.values).toEqual([0.9, 0.7, 0.8]);
    expect(view.metricNames).toEqual(['val_loss', 'acc']);
  });

  it('shows a provisional objective live without counting it, and lets it be replaced', () => {
    let view = initialSweepView(makeSnapshot(), 0);
    view = applyEvents(view, [updated(1), metric(1, 0, 0.5), metric(1, 1, 0.9, 'val_loss', true)], 0);
    expect(view.trials.get(1)!.snapshot).toMatchObject({ objective: 0.9, step: 1, steps: 0, best: null });
    view = applyEvents(view, [metric(1, 1, 0.6)], 0);
    const trial = view.trials.get(1)!;
    expect(trial.series.val_loss.steps).toEqual([0, 1]);
    expect(trial.series.val_loss.values[1]).toBe(0.6);
  });

  it('bounds every curve, keeping its shape and its latest point', () => {
    const events = [updated(1)];
    for (let step = 0; step < 10_000; step++) events.push(metric(1, step, 10_000 - step));
    const series = viewWith(...events).trials.get(1)!.series.val_loss;
    expect(series.steps.length).toBeLessThanOrEqual(SERIES_CAPACITY);
    expect(series.steps.length).toBeGreaterThan(SERIES_CAPACITY / 4);
    expect(series.steps[series.steps.length - 1]).toBe(9999);
    expect(series.values[series.values.length - 1]).toBe(1);
    // Still ordered and spread over the whole run.
    expect(series.steps[0]).toBeLessThan(100);
    expect([...series.steps].sort((a, b) => a - b)).toEqual(series.steps);
  });

  it('keeps the last output lines, redraws collapsed', () => {
    const events: EngineEventRecord[] = [updated(1)];
    for (let i = 0; i < 30; i++) events.push({ name: 'trial:output', payload: { trialId: 1, stream: 'stdout', line: `line ${i}` } });
    events.push({ name: 'trial:output', payload: { trialId: 1, stream: 'stderr', line: '10%\r100%' } });
    const tail = viewWith(...events).trials.get(1)!.tail;
    expect(tail).toHaveLength(20);
    expect(tail[tail.length - 1]).toBe('100%');
  });

  it('starts new curves when a trial runs again (a new attempt)', () => {
    const view = viewWith(updated(1), metric(1, 0, 0.9), updated(1, { attempt: 1, state: 'queued' }));
    expect(view.trials.get(1)!.series).toEqual({});
  });

  it('applies settings, best, messages, interventions, stopping and finishing', () => {
    const view = viewWith(
      updated(1),
      { name: 'sweep:settings', payload: { parallel: 8, trialsTarget: 50 } },
      { name: 'sweep:best', payload: { trialId: 1, objective: 0.3 } },
      { name: 'sweep:intervention', payload: { time: 5, by: 'tui', command: 'pause', trialId: 1 } },
      { name: 'sweep:message', payload: { level: 'warn', text: 'GPU 1 is busy' } },
      { name: 'sweep:stopping', payload: { reason: 'budget reached', phase: 'stopping' } },
    );
    expect(view.info).toMatchObject({ parallel: 8, trialsTarget: 50, phase: 'stopping', stopReason: 'budget reached' });
    expect(view.best).toEqual({ trialId: 1, objective: 0.3 });
    expect(view.messages.map((m) => m.text)).toEqual(['tui: pause #1', 'GPU 1 is busy']);
    const last = makeTrial(1, { state: 'completed', objective: 0.35, best: 0.3 });
    const finished = applyEvents(
      view,
      [{ name: 'sweep:finished', payload: { snapshot: makeSnapshot({ phase: 'finished', trials: [last], bestTrialId: 1 }) } }],
      2000,
    );
    expect(finished.info.phase).toBe('finished');
    expect(finished.trials.get(1)!.snapshot.state).toBe('completed');
    // the best trial is ranked by its objective (last value), not by its best-ever value
    expect(finished.best).toEqual({ trialId: 1, objective: 0.35 });
    // a controller that exits after the end is no news: the last message (a crash loop's) stays
    expect(withDisconnect(finished, 'closed', 3000).messages).toBe(finished.messages);
    expect(withDisconnect(view, 'closed', 3000).messages.at(-1)).toMatchObject({
      level: 'error',
      text: expect.stringMatching(/^lost the controller \(closed\)/),
    });
  });

  it('never changes the view it is given, and reuses it for an empty batch', () => {
    const before = viewWith(updated(1), metric(1, 0, 0.9));
    const trial = before.trials.get(1)!;
    const values = trial.series.val_loss.values;
    const after = applyEvents(before, [metric(1, 1, 0.5), updated(2)], 2000);
    expect(before.trials.size).toBe(1);
    expect(before.trials.get(1)).toBe(trial);
    expect(values).toEqual([0.9]);
    expect(after.trials.get(1)!.series.val_loss.values).toEqual([0.9, 0.5]);
    expect(applyEvents(after, [], after.now)).toBe(after);
    expect(applyEvents(after, [], after.now + 1).trials).toBe(after.trials);
  });

  it('counts trials per state in the closed set order, leaving out zeros', () => {
    const view = viewWith(updated(1, { state: 'running' }), updated(2, { state: 'queued' }), updated(3, { state: 'running' }));
    expect(countByState(view)).toEqual([
      ['queued', 1],
      ['running', 2],
    ]);
  });

  it('ranks parameters by how many distinct values they took', () => {
    const view = viewWith(...Array.from({ length: 9 }, (_, i) => updated(i + 1)));
    const stats = Object.fromEntries(view.params.map((p) => [p.name, p.distinct]));
    expect(stats).toEqual({ lr: 7, batch: 3, optimizer: 2 });
  });

  it('puts curves read from disk in front of the live ones', () => {
    const view = viewWith(updated(1), metric(1, 5, 0.5));
    const history = new Map([['val_loss', [0, 1, 2, 3, 4, 5].map((step) => ({ step, value: 1 - step / 10, provisional: false }))]]);
    const merged = withHistory(view, 1, history).trials.get(1)!.series.val_loss;
    expect(merged.steps).toEqual([0, 1, 2, 3, 4, 5]);
    expect(merged.values[5]).toBe(0.5);
  });
});

describe('sweep reducer: trial text is made safe to draw as it enters', () => {
  const HOSTILE = 'a\vb\x1b[2J\x1b[H\x1b]0;title\x07\x00\x7f\x85\ud800c';
  const OBEYED = /[\x00-\x1f\x7f-\x9f\ud800-\udfff]/;
  /** Every string in the view, keys included (sets and series too). */
  const strings = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (value instanceof Set || Array.isArray(value)) return [...value].flatMap(strings);
    if (value instanceof Map) return [...value.entries()].flatMap(strings);
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
    return [];
  };

  it('leaves no control character in reasons, stderr tails, notes, parameters, metric names, output or messages', () => {
    const hostile: Partial<TrialSnapshot> = {
      state: 'failed',
      params: { lr: 0.1, batch: 32, optimizer: HOSTILE },
      command: `train --optimizer '${HOSTILE}'`,
      reason: `exit code 1: ${HOSTILE}`,
      stderrTail: [HOSTILE, 'Traceback'],
      notes: [HOSTILE],
      pendingReason: HOSTILE,
      host: HOSTILE,
      lastMetrics: { [HOSTILE]: 1 },
    };
    const snapshot = makeSnapshot({ trials: [makeTrial(1, hostile)], stopReason: HOSTILE });
    let view = initialSweepView(snapshot, 0);
    view = applyEvents(
      view,
      [
        updated(2, hostile),
        metric(2, 0, 0.5, HOSTILE),
        { name: 'trial:output', payload: { trialId: 2, stream: 'stdout', line: `10%\r${HOSTILE}` } },
        { name: 'sweep:message', payload: { level: 'warn', text: HOSTILE } },
        { name: 'sweep:stopping', payload: { phase: 'stopping', reason: HOSTILE } },
      ],
      1000,
    );
    view = withHistory(view, 1, new Map([[HOSTILE, [{ step: 0, value: 1, provisional: false }]]]));
    view = withDisconnect(view, HOSTILE, 2000);
    const all = strings({ ...view, trials: [...view.trials.values()] });
    expect(all.filter((text) => OBEYED.test(text))).toEqual([]);
    const trial = view.trials.get(2)!;
    expect(trial.snapshot.reason).toBe('exit code 1: a^Kb^@^?��c');
    expect(trial.tail).toEqual(['a^Kb^@^?��c']);
    expect(view.metricNames).toContain('a^Kb^@^?��c');
    expect(view.params.find((p) => p.name === 'optimizer')!.values.has('a^Kb^@^?��c')).toBe(true);
  });
});
