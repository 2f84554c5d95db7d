/**
 * Folds engine events into a SweepView. Pure: the input view is never changed. Events come in
 * batches (at most ~10 a second, see view-store.ts); each batch copies the trial map once and each
 * touched trial or series once, then edits its own copies, so a batch of 300 metric lines over
 * 10,000 trials costs a map copy, not 300 of them.
 */
import type { MetricEvent, SweepSnapshot, TrialSnapshot } from '../../engine/events.js';
import { withRunResult } from '../../engine/run-result.js';
import { TRIAL_STATES, type TrialState } from '../../plugin-api/trial-state.js';
import { tunable } from '../../plugin-api/space.js';
import { collapseReturns } from '../format/ansi.js';
import { formatParam } from '../format/params.js';
import { safeData, safeText } from '../format/safe-text.js';
import { TrialMap } from './trial-map.js';
import { appendPoint, draftSeries, emptySeries, type Point, type Series } from './series.js';
import {
  DISTINCT_LIMIT,
  MESSAGE_LIMIT,
  TAIL_LINES,
  type EngineEventRecord,
  type ParamStat,
  type StatusMessage,
  type SweepView,
  type TrialView,
} from './sweep-view.js';

export function initialSweepView(snapshot: SweepSnapshot, now: number): SweepView {
  const { trials, bestTrialId, ...info } = safeData(snapshot);
  const empty: SweepView = {
    info,
    trials: TrialMap.empty,
    best: null,
    metricNames: [info.metric.name],
    params: tunable(info.parameters).map((p) => ({ name: p.name, distinct: 0, width: 0, values: new Set() })),
    messages: [],
    revision: 0,
    now,
    outputStreamed: false,
    disconnected: null,
    arriving: null,
    objectiveSource: null,
  };
  const view = applyEvents(
    empty,
    trials.map((trial) => ({ name: 'trial:updated', payload: { trial, previousState: null } })),
    now,
  );
  // The best trial is ranked by its objective (last value), as `sweeptop best` and sweep:best do.
  const best = bestTrialId === null ? null : view.trials.get(bestTrialId)?.snapshot.objective;
  return { ...view, best: bestTrialId !== null && best != null ? { trialId: bestTrialId, objective: best } : null };
}

type MutableTrial = { -readonly [K in keyof TrialView]: TrialView[K] } & { series: Record<string, Series> };
type DraftSeries = ReturnType<typeof draftSeries>;

class Batch {
  /** Trials added or changed in this batch (copies this batch owns and may edit). */
  private readonly changed = new Map<number, TrialView>();
  private readonly ownSeries = new Set<DraftSeries>();
  info: SweepView['info'];
  best: SweepView['best'];
  metricNames: string[] | null = null;
  params: ParamStat[] | null = null;
  messages: StatusMessage[] | null = null;
  revision: number;
  outputStreamed: boolean;
  objectiveSource: string | null;

  constructor(
    readonly view: SweepView,
    readonly now: number,
  ) {
    this.info = view.info;
    this.best = view.best;
    this.revision = view.revision;
    this.outputStreamed = view.outputStreamed;
    this.objectiveSource = view.objectiveSource;
  }

  get(id: number): TrialView | undefined {
    return this.changed.get(id) ?? this.view.trials.get(id);
  }

  add(trial: TrialView): void {
    this.changed.set(trial.snapshot.id, trial);
    this.objectiveSource ??= trial.snapshot.objectiveSource;
  }

  /** The trial's view, copied on first touch in this batch so it may be edited in place. */
  own(id: number): MutableTrial | undefined {
    const mine = this.changed.get(id);
    if (mine) return mine as MutableTrial;
    const current = this.view.trials.get(id);
    if (!current) return undefined;
    const copy: MutableTrial = { ...current, series: { ...current.series } };
    this.changed.set(id, copy);
    return copy;
  }

  ownSeriesOf(trial: MutableTrial, name: string): DraftSeries {
    const current = (trial.series[name] ?? emptySeries) as DraftSeries;
    if (this.ownSeries.has(current)) return current;
    const copy = draftSeries(current);
    this.ownSeries.add(copy);
    trial.series[name] = copy;
    return copy;
  }

  message(message: StatusMessage): void {
    this.messages ??= this.view.messages.slice();
    this.messages.push(message);
    if (this.messages.length > MESSAGE_LIMIT) this.messages.splice(0, this.messages.length - MESSAGE_LIMIT);
  }

  noteMetric(name: string): void {
    const names = this.metricNames ?? this.view.metricNames;
    if (names.includes(name)) return;
    this.metricNames ??= this.view.metricNames.slice();
    this.metricNames.push(name);
  }

  noteParams(trial: TrialSnapshot): void {
    // Copied once per batch that adds trials: at most DISTINCT_LIMIT strings per parameter.
    this.params ??= this.view.params.map((p) => ({ ...p, values: new Set(p.values) }));
    for (const stat of this.params) {
      const text = formatParam(trial.params[stat.name]);
      stat.width = Math.max(stat.width, text.length);
      const values = stat.values as Set<string>;
      if (values.size < DISTINCT_LIMIT) values.add(text);
      stat.distinct = values.size;
    }
  }

  finish(): SweepView {
    return {
      info: this.info,
      trials: this.view.trials.with(this.changed),
      best: this.best,
      metricNames: this.metricNames ?? this.view.metricNames,
      params: this.params ?? this.view.params,
      messages: this.messages ?? this.view.messages,
      revision: this.revision,
      now: this.view.disconnected === null ? this.now : this.view.now,
      outputStreamed: this.outputStreamed,
      disconnected: this.view.disconnected,
      objectiveSource: this.objectiveSource,
      arriving: this.view.arriving,
    };
  }
}

export function applyEvents(view: SweepView, events: readonly EngineEventRecord[], now: number): SweepView {
  // A clock tick or a key: keep the trial map, so memoised rows and sorting stay valid.
  if (events.length === 0) return now === view.now ? view : { ...view, now };
  const batch = new Batch(view, now);
  // Trial text is made safe to draw here, once, so no component has to remember it. An output
  // line is cleaned after its `\r` redraws are collapsed (safeText would show them as ^M).
  for (const event of events) applyOne(batch, event.name === 'trial:output' ? event : safeData(event));
  return batch.finish();
}

function applyOne(batch: Batch, event: EngineEventRecord): void {
  switch (event.name) {
    case 'sweep:started':
    case 'sweep:finished':
      return applySnapshot(batch, event.payload.snapshot);
    case 'trial:updated':
    case 'trial:ended':
      return upsertTrial(batch, event.payload.trial);
    case 'trial:metric':
      return applyMetric(batch, event.payload);
    case 'trial:output': {
      batch.outputStreamed = true;
      const trial = batch.own(event.payload.trialId);
      if (!trial) return;
      const tail = trial.tail.length >= TAIL_LINES ? trial.tail.slice(1 - TAIL_LINES) : trial.tail.slice();
      tail.push(safeText(collapseReturns(event.payload.line)));
      trial.tail = tail;
      return;
    }
    case 'sweep:best':
      batch.best = { trialId: event.payload.trialId, objective: event.payload.objective };
      return;
    case 'sweep:settings':
      batch.info = { ...batch.info, ...event.payload };
      return;
    case 'sweep:intervention': {
      const { by, command, trialId, detail, time } = event.payload;
      const target = trialId === null ? '' : ` #${trialId}`;
      batch.message({ time, level: 'info', text: `${by}: ${command}${target}${detail ? ` (${detail})` : ''}` });
      return;
    }
    case 'sweep:message':
      batch.message({ time: batch.now, level: event.payload.level, text: event.payload.text });
      return;
    case 'sweep:stopping':
      batch.info = { ...batch.info, phase: event.payload.phase, stopReason: batch.info.stopReason ?? event.payload.reason };
      batch.revision++;
      return;
    case 'sweep:winner':
      batch.info = { ...batch.info, winner: event.payload.winner };
      return;
    case 'sweep:hook':
      // its message came as a sweep:message; this keeps it for the status line once newer ones pass
      batch.info = { ...batch.info, hookFailure: event.payload.failure };
      return;
    case 'sweep:disk':
      batch.info = { ...batch.info, diskFull: event.payload.diskFull };
      batch.revision++;
      return;
  }
}

function applySnapshot(batch: Batch, snapshot: SweepSnapshot): void {
  const { trials, bestTrialId, ...info } = snapshot;
  batch.info = info;
  for (const trial of trials) upsertTrial(batch, trial);
  const best = bestTrialId === null ? undefined : batch.get(bestTrialId)?.snapshot.objective;
  if (bestTrialId !== null && best != null) batch.best = { trialId: bestTrialId, objective: best };
  batch.revision++;
}

function upsertTrial(batch: Batch, snapshot: TrialSnapshot): void {
  const existing = batch.own(snapshot.id);
  if (existing) {
    if (existing.snapshot.state !== snapshot.state || existing.snapshot.promoted !== snapshot.promoted) batch.revision++;
    // A new attempt (retry, re-queue after promote or loss) starts new curves and output.
    if (snapshot.attempt !== existing.snapshot.attempt) {
      existing.series = {};
      existing.tail = [];
      existing.pastUnseen = false;
    }
    existing.snapshot = snapshot;
    existing.since = batch.now;
    return;
  }
  batch.add({ snapshot, since: batch.now, series: {}, tail: [], pastUnseen: snapshot.steps > 0 });
  batch.noteParams(snapshot);
  batch.revision++;
}

function applyMetric(batch: Batch, metric: MetricEvent): void {
  const trial = batch.own(metric.trialId);
  if (!trial) return;
  batch.noteMetric(metric.name);
  const series = batch.ownSeriesOf(trial, metric.name);
  appendPoint(series, metric);
  if (metric.afterPrune) return;

  // trial:updated is not sent for metrics, so the table's columns are kept current here; the
  // objective is the engine's (MetricEvent.standing), never recomputed by a client
  const s = trial.snapshot;
  const lastMetrics = metric.provisional ? s.lastMetrics : { ...s.lastMetrics, [metric.name]: metric.value };
  if (metric.standing) {
    // a run's point: its run row shows the value while it trains (the engine's, as the objective)
    const runs = metric.run && s.runs ? withRunResult(s.runs, metric.run) : s.runs;
    trial.snapshot = { ...s, lastMetrics, ...metric.standing, ...(runs && { runs }) };
    batch.objectiveSource ??= metric.standing.objectiveSource;
  } else if (metric.provisional && metric.name === batch.info.metric.name && metric.context === undefined) {
    // a progress bar redrawing the objective: shown live, counted once the engine records it
    trial.snapshot = { ...s, lastMetrics, objective: metric.value, step: metric.step };
  } else {
    trial.snapshot = { ...s, lastMetrics };
  }
}

/**
 * Adds curves read from disk (metrics.jsonl) in front of what arrived live, for a trial that
 * reported before this UI attached. Points at or after the first live step are the live ones.
 */
export function withHistory(view: SweepView, trialId: number, history: ReadonlyMap<string, readonly Point[]>): SweepView {
  const trial = view.trials.get(trialId);
  if (!trial) return view;
  const series: Record<string, Series> = { ...trial.series };
  const names = view.metricNames.slice();
  for (const [unsafeName, points] of history) {
    const name = safeText(unsafeName);
    if (!names.includes(name)) names.push(name);
    const live = trial.series[name] ?? emptySeries;
    const firstLive = live.steps.length > 0 ? live.steps[0] : Infinity;
    const draft = draftSeries(emptySeries);
    for (const point of points) if (point.step < firstLive) appendPoint(draft, point);
    for (let i = 0; i < live.steps.length; i++) appendPoint(draft, { step: live.steps[i], value: live.values[i], provisional: false });
    draft.provisional = live.provisional;
    series[name] = draft;
  }
  return { ...view, trials: view.trials.with(new Map([[trialId, { ...trial, series, pastUnseen: false }]])), metricNames: names };
}

/**
 * Output read from disk: for a trial whose lines were printed before this UI saw them, or (with
 * `replace`) the latest lines when output is not streamed as events.
 */
export function withTail(view: SweepView, trialId: number, lines: readonly string[], replace = false): SweepView {
  const trial = view.trials.get(trialId);
  if (!trial || (trial.tail.length > 0 && !replace) || lines.length === 0) return view;
  const last = lines.slice(-TAIL_LINES).map((line) => safeText(line));
  if (last.length === trial.tail.length && last.every((line, i) => line === trial.tail[i])) return view;
  return { ...view, trials: view.trials.with(new Map([[trialId, { ...trial, tail: last }]])) };
}

/** Trials per state, in the closed set's order, zero counts left out. */
export function countByState(view: SweepView): [TrialState, number][] {
  const counts = new Map<TrialState, number>();
  for (const trial of view.trials.values()) {
    counts.set(trial.snapshot.state, (counts.get(trial.snapshot.state) ?? 0) + 1);
  }
  return TRIAL_STATES.filter((state) => counts.has(state)).map((state) => [state, counts.get(state)!]);
}

/**
 * The controller is gone. After the sweep finished that is expected (it exits); before, the view
 * stops being live: its clock, states and counts are the last the controller sent.
 */
export function withDisconnect(view: SweepView, unsafeReason: string, now: number): SweepView {
  const reason = safeText(unsafeReason);
  // after the end, the header already says so, and the last message (a crash loop's) must stay
  if (view.info.phase === 'finished') return { ...view, disconnected: reason };
  const text = `lost the controller (${reason}): what is shown is its last word. q leaves; \`sweeptop ls\` tells whether it still runs`;
  const messages = [...view.messages, { time: now, level: 'error', text } as const].slice(-MESSAGE_LIMIT);
  return { ...view, disconnected: reason, messages, now };
}
