/**
 * Who gets one of the controller's connections when they are all taken. Idle or half-open
 * clients must not lock out real ones: the oldest idle unsubscribed connection (no subscription,
 * no command running: a ctl that has its answer, a probe, a client that hung) is closed to make
 * room. When every connection is a viewer or a running command, the newcomer is refused, and
 * told why in one line.
 */
import type { Socket } from 'node:net';
import { closeSaying, type ServerConnection } from './server-connection.js';

/** Whether `socket` may be served; closes an idle connection to make room, or refuses `socket`. */
export function admit(socket: Socket, connections: Set<ServerConnection>, maxConnections: number): boolean {
  if (connections.size < maxConnections) return true;
  // a Set iterates in insertion order: the oldest connection first
  const oldestIdle = [...connections].find((connection) => connection.idle);
  if (oldestIdle) {
    connections.delete(oldestIdle);
    oldestIdle.closeSaying(`closed: idle while the controller was at its limit of ${maxConnections} connections`);
    return true;
  }
  closeSaying(
    socket,
    `refused: the controller already serves ${maxConnections} connections, its limit; close a viewer (sweeptop attach) and try again`,
  );
  return false;
}
