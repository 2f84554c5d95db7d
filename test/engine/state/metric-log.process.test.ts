import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMetricPoints, readMetricLog } from '../../../src/engine/state/metric-log.js';
import { TempDir } from '../../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

describe('appendMetricPoints', () => {
  const added = [
    { name: 'val_accuracy', step: 0, value: 0.5, time: 1, offset: 10, context: 'fold 1' },
    { name: 'val_accuracy', step: 1, value: NaN, time: 2, offset: 20, source: 'stderr', afterPrune: true as const },
  ];

  it('adds points after those there, and creates the file when there is none', async () => {
    const path = join(temp.path, 'metrics.jsonl');
    appendMetricPoints(path, added.slice(0, 1));
    appendMetricPoints(path, added.slice(1));
    expect(await readMetricLog(path)).toEqual(added);
  });

  it('ends a torn last line first, so that the first point added is not lost in it', async () => {
    const path = join(temp.path, 'metrics.jsonl');
    writeFileSync(path, '{"name":"loss","step":0,"value":1,"time":0,"offset":5}\n{"name":"lo');
    appendMetricPoints(path, added);
    expect((await readMetricLog(path)).map((p) => p.name)).toEqual(['loss', 'val_accuracy', 'val_accuracy']);
  });
});
