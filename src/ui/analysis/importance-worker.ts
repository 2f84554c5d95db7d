/**
 * Runs in a worker thread (importance-source.ts starts it): fitting the forest for 10,000 trials
 * takes seconds of CPU, which on the UI's thread would freeze the screen and the keys.
 */
import { parentPort } from 'node:worker_threads';
import { parameterImportances } from '../../engine/analysis/importance.js';
import type { ImportanceRequest } from './importance-source.js';

parentPort?.on('message', (request: ImportanceRequest) => {
  const result = parameterImportances(request.trials, request.space, { seed: 0 });
  parentPort?.postMessage({ id: request.id, result });
});
