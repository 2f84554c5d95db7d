/**
 * UI changes that do not come from a key: the engine's answer to a command, messages. (Keys are
 * turned into state changes by keys/handle-key.ts.)
 */
import type { StatusMessage } from './sweep-view.js';
import type { UiState } from './ui-state.js';

export type UiAction =
  | { type: 'commandDone'; origin: 'key' | 'form'; ok: true; text: string; time: number }
  | { type: 'commandDone'; origin: 'key' | 'form'; ok: false; error: string; time: number }
  | { type: 'status'; message: StatusMessage };

export function uiReducer(ui: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'status':
      return { ...ui, status: action.message };
    case 'commandDone': {
      const form = ui.overlay?.kind === 'form' ? ui.overlay : null;
      if (action.origin === 'form' && form) {
        // A refused trial keeps the form open with the engine's reason, so the values can be fixed.
        if (!action.ok) return { ...ui, overlay: { ...form, busy: false, error: action.error } };
        return { ...ui, overlay: null, status: { time: action.time, level: 'info', text: action.text } };
      }
      return {
        ...ui,
        status: action.ok
          ? { time: action.time, level: 'info', text: action.text }
          : { time: action.time, level: 'error', text: action.error },
      };
    }
  }
}
