/** A bare protocol client for tests: writes any bytes, records every reply line decoded. */
import { connect, type Socket } from 'node:net';
import { LineFramer } from '../../../src/engine/control/line-framer.js';
import { MAX_REPLY_BYTES, type ServerMessage } from '../../../src/engine/control/protocol.js';
import { decodeLine, encodeLine } from '../../../src/engine/control/wire-json.js';
import { waitFor } from '../../helpers/sweep.js';

export class RawClient {
  readonly messages: ServerMessage[] = [];
  bytesReceived = 0;
  closed = false;
  private readonly framer = new LineFramer(MAX_REPLY_BYTES);

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.bytesReceived += chunk.length;
      for (const frame of this.framer.push(chunk)) {
        if (frame.kind === 'line') this.messages.push(decodeLine(frame.text) as ServerMessage);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => (this.closed = true));
  }

  static connect(path: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      socket.once('error', reject);
      socket.once('connect', () => resolve(new RawClient(socket)));
    });
  }

  send(message: unknown): void {
    this.socket.write(encodeLine(message));
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Waits for a message (by default, among all received so far) matching `match`. */
  async next<T extends ServerMessage>(match: (message: ServerMessage) => message is T, ms?: number): Promise<T>;
  async next(match: (message: ServerMessage) => boolean, ms?: number): Promise<ServerMessage>;
  async next(match: (message: ServerMessage) => boolean, ms = 10_000): Promise<ServerMessage> {
    await waitFor(() => this.messages.some(match), ms, 'expected reply');
    return this.messages.find(match)!;
  }

  close(): void {
    this.socket.destroy();
  }
}
