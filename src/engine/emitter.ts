/** A typed wrapper over EventEmitter: listeners get the payload type of the event they asked for. */
import { EventEmitter } from 'node:events';
import type { EngineEventName, EngineEvents } from './events.js';

export class EngineEmitter {
  private readonly emitter = new EventEmitter();

  constructor() {
    // the TUI, the store, the reporter and every socket client listen: no arbitrary cap
    this.emitter.setMaxListeners(0);
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  /** A warning the sweep gives once, however many trials cause it (sweeptop says so, loudly, once). */
  warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.emit('sweep:message', { level: 'warn', text });
  }

  private readonly warned = new Set<string>();
}
