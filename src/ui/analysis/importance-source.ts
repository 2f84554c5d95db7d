/**
 * Where the analysis view gets parameter importances: a worker thread that fits the forest off the
 * render path. One request at a time; a newer one supersedes an answer still being computed.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ImportanceResult, ImportanceTrial } from '../../engine/analysis/importance.js';
import type { SearchSpace } from '../../plugin-api/space.js';

export interface ImportanceRequest {
  id: number;
  trials: ImportanceTrial[];
  space: SearchSpace;
}

export interface ImportanceSource {
  compute(trials: ImportanceTrial[], space: SearchSpace): Promise<ImportanceResult>;
  dispose(): void;
}

/**
 * `file` is importance-worker.js as built by tsc (not in the UI's bundle: it is loaded only when
 * the view opens). Run from source without a build, it is missing, and the view says so.
 */
export function workerImportanceSource(file: string): ImportanceSource {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: ImportanceResult) => void; reject: (e: Error) => void }>();
  const start = () => {
    if (!existsSync(file)) throw new Error(`the importance worker is missing: ${file}`);
    const started = new Worker(file);
    // the screen must not wait for it to exit
    started.unref();
    started.on('message', (answer: { id: number; result: ImportanceResult }) => {
      waiting.get(answer.id)?.resolve(answer.result);
      waiting.delete(answer.id);
    });
    started.on('error', (error) => {
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
      worker = null;
    });
    return started;
  };
  return {
    compute(trials, space) {
      return new Promise((resolve, reject) => {
        try {
          worker ??= start();
        } catch (error) {
          reject(error as Error);
          return;
        }
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, trials, space } satisfies ImportanceRequest);
      });
    },
    dispose() {
      void worker?.terminate();
      worker = null;
    },
  };
}
