/** What a key asks of the world beyond the UI state; carried out by the App (components/App.tsx). */
import type { EngineCommand } from '../../engine/commands.js';

export type Effect =
  /** Send to the engine; `success` is shown when it is accepted, its error otherwise. */
  | { kind: 'command'; command: EngineCommand; success: string; origin: 'key' | 'form' }
  /** Stop the sweep; the app quits once it has finished. */
  | { kind: 'stop'; force: boolean }
  /** Leave now (the sweep has already finished). */
  | { kind: 'quit' };
