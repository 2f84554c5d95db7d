/**
 * Runs in a worker thread (importance-source.ts starts it): fitting the forest for 10,000 trials
 * takes seconds of CPU, which on the UI's thread would freeze the screen and the keys.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { parameterImportances } from '../../engine/analysis/importance.js';
import type { ImportanceRequest } from './importance-source.js';

// The forest is background work, and on a busy machine (2 cores, other processes) it took CPU from
// the screen's thread: the frame time's p95 grew while it ran (bench/tui.ts). On Linux a nice value
// is a thread's own, and pid 0 names the calling thread, so this lowers the worker alone; elsewhere
// (macOS: the whole process) it is left as it is.
if (process.platform === 'linux') setPriority(0, 19);

parentPort?.on('message', (request: ImportanceRequest) => {
  const result = parameterImportances(request.trials, request.space, { seed: 0 });
  parentPort?.postMessage({ id: request.id, result });
});
