/**
 * Keys that act on the selected trial or the sweep: they either explain why nothing happens or
 * return the engine command to send. Wording for refusals lives here so every path explains itself.
 */
import { allowedAction, promoteEffect } from '../../engine/trial/actions.js';
import { tunable } from '../../plugin-api/space.js';
import { parameterIsActive } from '../../plugin-api/condition.js';
import { conditionText } from '../../engine/config/condition-text.js';
import { describeParameter, parseParamInput } from '../format/params.js';
import type { SweepView, TrialView } from '../state/sweep-view.js';
import type { Overlay, UiState } from '../state/ui-state.js';
import type { Effect } from './effects.js';

export interface KeyResult {
  ui: UiState;
  effects: Effect[];
}

const info = (ui: UiState, text: string, now: number, level: 'info' | 'warn' = 'warn'): KeyResult => ({
  ui: { ...ui, status: { time: now, level, text } },
  effects: [],
});

const send = (ui: UiState, effect: Effect): KeyResult => ({ ui, effects: [effect] });

/** Why the engine would refuse `action` on this trial, worded for the status line; null when it would not. */
function refusal(action: 'pause' | 'resume' | 'kill' | 'promote', trial: TrialView, view: SweepView): string | null {
  const verdict = allowedAction(action, trial.snapshot, view.info.phase);
  return verdict.allowed ? null : `#${trial.snapshot.id} is ${trial.snapshot.state}: ${verdict.why}`;
}

export function pauseOrResume(ui: UiState, view: SweepView, trial: TrialView | undefined, now: number): KeyResult {
  if (!trial) return info(ui, 'no trial selected', now);
  const { id } = trial.snapshot;
  if (!refusal('pause', trial, view)) {
    return send(ui, {
      kind: 'command',
      command: { type: 'pause', trialId: id },
      success: `paused #${id} (its GPU memory stays held)`,
      origin: 'key',
    });
  }
  if (!refusal('resume', trial, view)) {
    return send(ui, { kind: 'command', command: { type: 'resume', trialId: id }, success: `resumed #${id}`, origin: 'key' });
  }
  return info(ui, refusal('pause', trial, view)!, now);
}

export function askKill(ui: UiState, view: SweepView, trial: TrialView | undefined, now: number): KeyResult {
  if (!trial) return info(ui, 'no trial selected', now);
  const { id, state } = trial.snapshot;
  const refused = refusal('kill', trial, view);
  if (refused) return info(ui, refused, now);
  const question = state === 'queued' ? `Remove queued trial #${id}? (y/n)` : `Kill trial #${id} (${state}) and its processes? (y/n)`;
  return { ui: { ...ui, overlay: { kind: 'confirm', action: 'kill', trialId: id, question } }, effects: [] };
}

export function promote(ui: UiState, view: SweepView, trial: TrialView | undefined, now: number): KeyResult {
  if (!trial) return info(ui, 'no trial selected', now);
  const { id, state } = trial.snapshot;
  const refused = refusal('promote', trial, view);
  if (refused) return info(ui, refused, now);
  const effect = promoteEffect(state);
  const success =
    effect === 'runNext' || state === 'pending'
      ? `promoted #${id}: it runs next`
      : effect === 'requeue'
        ? `promoted #${id}: re-queued at the head, protected from pruning`
        : `promoted #${id}: protected from pruning`;
  return send(ui, { kind: 'command', command: { type: 'promote', trialId: id }, success, origin: 'key' });
}

export function changeParallel(ui: UiState, view: SweepView, delta: 1 | -1, now: number): KeyResult {
  if (view.info.phase !== 'running') return info(ui, `the sweep is ${view.info.phase}`, now);
  const value = view.info.parallel + delta;
  if (value < 1) return info(ui, 'parallelism is already 1 (stop the sweep with q)', now);
  const success = delta > 0 ? `parallelism ${value}` : `parallelism ${value}: running trials continue, fewer are launched`;
  return send(ui, { kind: 'command', command: { type: 'setParallel', value }, success, origin: 'key' });
}

export function openForm(ui: UiState, view: SweepView, trial: TrialView | undefined, now: number): KeyResult {
  if (view.info.phase !== 'running') return info(ui, `the sweep is ${view.info.phase}: no new trials`, now);
  // Prefilled with the selected trial's values: the common case is "like this one, but …".
  const fields = tunable(view.info.parameters).map((p) => ({
    name: p.name,
    text: trial && trial.snapshot.params[p.name] !== undefined ? String(trial.snapshot.params[p.name]) : '',
    // a conditional parameter's field is read only when its condition holds for the fields above
    hint: p.when ? `${describeParameter(p)} · only when ${conditionText(p.when)}` : describeParameter(p),
  }));
  if (fields.length === 0) return info(ui, 'this sweep has no parameters to set', now);
  return { ui: { ...ui, overlay: { kind: 'form', fields, focus: 0, error: null, busy: false } }, effects: [] };
}

export function submitForm(ui: UiState, form: Extract<Overlay, { kind: 'form' }>, view: SweepView): KeyResult {
  if (form.busy) return { ui, effects: [] };
  const params: Record<string, import('../../plugin-api/space.js').ParamValue> = {};
  // the constants too, for the conditions that read them; they are not sent (the sweep fills them in)
  const chosen: typeof params = {};
  for (const parameter of view.info.parameters) {
    // a parameter whose when: is false for the values above is absent: its field is not read
    if (!parameterIsActive(parameter, chosen)) continue;
    if (parameter.kind === 'const') {
      chosen[parameter.name] = parameter.value;
      continue;
    }
    const field = form.fields.find((f) => f.name === parameter.name);
    const parsed = parseParamInput(parameter, field?.text ?? '');
    if (!parsed.ok) return { ui: { ...ui, overlay: { ...form, error: parsed.error } }, effects: [] };
    params[parameter.name] = parsed.value;
    chosen[parameter.name] = parsed.value;
  }
  return {
    ui: { ...ui, overlay: { ...form, busy: true, error: null } },
    effects: [{ kind: 'command', command: { type: 'addTrial', params }, success: 'added a trial', origin: 'form' }],
  };
}

/**
 * Nothing can be asked of the sweep any more: it finished, or its controller is lost (a stop
 * could never be confirmed, and waiting for one would keep the person in the TUI).
 */
function beyondReach(view: SweepView): boolean {
  return view.info.phase === 'finished' || view.disconnected !== null;
}

/**
 * `q`: a finished sweep just closes; a TUI attached to a controller elsewhere detaches (the sweep
 * goes on); otherwise it asks first, because quitting stops the sweep. `Q` always offers to stop.
 */
export function quit(ui: UiState, view: SweepView, detachable: boolean): KeyResult {
  if (beyondReach(view)) return send(ui, { kind: 'quit' });
  if (detachable) return detach(ui);
  return askStop(ui, view, { detachable: false });
}

/** Leave the TUI; the sweep goes on in its controller. */
export function detach(ui: UiState): KeyResult {
  return send({ ...ui, overlay: null }, { kind: 'quit' });
}

const STOP_QUESTION = 'Stop the sweep? y stops it · n/Esc stays · d detaches (the sweep goes on)';

export function askStop(ui: UiState, view: SweepView, { interrupted = false, detachable = true } = {}): KeyResult {
  if (beyondReach(view)) return send(ui, { kind: 'quit' });
  if (ui.stopping !== 'no') return { ui, effects: [] };
  const question = detachable ? STOP_QUESTION : 'Stop the sweep and quit? (y/n)';
  return { ui: { ...ui, overlay: { kind: 'confirm', action: 'quit', question, interrupted } }, effects: [] };
}

/**
 * Ctrl-C never kills a sweep by habit. A viewer (`attach`) just leaves. The TUI that started the
 * sweep asks whether to stop it; Ctrl-C again while asking, or once the stop is under way,
 * leaves it (the sweep, or its stop, goes on). Without a controller elsewhere (the demo), Ctrl-C
 * stops gracefully, and a second kills the trials at once.
 */
export function interrupt(
  ui: UiState,
  view: SweepView,
  now: number,
  { detachable, viewer }: { detachable: boolean; viewer: boolean },
): KeyResult {
  if (beyondReach(view)) return send(ui, { kind: 'quit' });
  if (viewer && detachable) return detach(ui);
  if (detachable) {
    const asking = ui.overlay?.kind === 'confirm' && ui.overlay.action === 'quit';
    if (asking || ui.stopping !== 'no') return detach(ui);
    return askStop(ui, view, { interrupted: true });
  }
  if (ui.stopping === 'no') {
    return {
      ui: {
        ...ui,
        overlay: null,
        stopping: 'graceful',
        interrupted: true,
        status: { time: now, level: 'warn', text: 'stopping… (Ctrl-C again kills the trials at once)' },
      },
      effects: [{ kind: 'stop', force: false }],
    };
  }
  if (ui.stopping === 'graceful') {
    return {
      ui: { ...ui, overlay: null, stopping: 'forced', status: { time: now, level: 'warn', text: 'stopping: killing the trials…' } },
      effects: [{ kind: 'stop', force: true }],
    };
  }
  return { ui, effects: [] };
}
