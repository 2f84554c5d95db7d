/**
 * Carries out what a key asked for: sends the engine command (recording who asked: 'tui') and
 * shows its answer — the success wording, or the engine's one-line refusal — as soon as it comes.
 */
import type { SweepClient } from '../../engine/client.js';
import { uiReducer, type UiAction } from '../state/ui-reducer.js';
import type { ViewStore } from '../state/view-store.js';
import type { Effect } from './effects.js';
import type { TuiExit } from '../state/ui-state.js';

export interface EffectContext {
  client: SweepClient;
  store: ViewStore;
  onExit: (reason: TuiExit) => void;
}

export function runEffect(effect: Effect, { client, store, onExit }: EffectContext): void {
  if (effect.kind === 'quit') return onExit('quit');
  const command = effect.kind === 'stop' ? ({ type: 'stop', force: effect.force } as const) : effect.command;
  const origin = effect.kind === 'command' ? effect.origin : 'key';
  const success = effect.kind === 'command' ? effect.success : effect.force ? 'killing the trials' : 'stopping';
  // updateUi also applies the events the command caused: the change is on screen with its answer.
  const done = (action: UiAction) => store.updateUi((s) => uiReducer(s.ui, action));
  client.execute(command, 'tui').then(
    (result) => {
      const time = Date.now();
      if (!result.ok) return done({ type: 'commandDone', origin, ok: false, error: result.error, time });
      const text = command.type === 'addTrial' && result.trialId !== undefined ? `added trial #${result.trialId}` : success;
      done({ type: 'commandDone', origin, ok: true, text, time });
    },
    (error: Error) => done({ type: 'commandDone', origin, ok: false, error: error.message, time: Date.now() }),
  );
}
