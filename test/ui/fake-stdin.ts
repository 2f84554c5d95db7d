/** A TTY stdin that Ink can read keys from: `type()` queues text as a person typing would. */
import { EventEmitter } from 'node:events';

export class FakeStdin extends EventEmitter {
  isTTY = true;
  isRaw = false;
  private queue: string[] = [];
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    return this;
  }
  setEncoding() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read() {
    return this.queue.shift() ?? null;
  }
  type(text: string) {
    this.queue.push(text);
    this.emit('readable');
  }
}
