import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../../src/engine/events.js';
import { readMetricLog } from '../../../src/engine/state/metric-log.js';
import { makeSweep, runToEnd, tempDirPerTest } from '../../helpers/sweep.js';

const temp = tempDirPerTest();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');

const sweepFile = (
  flags: string,
  extra: string,
  { values = '[0.1, 0.2]', folds = 3 } = {},
) => `command: node ${FOLD_RUN} --lr {lr} --fold {fold} --ledger ledger.txt ${flags}
parameters:
  lr: {type: categorical, values: ${values}}
sampler: grid
metric: {name: val_acc, goal: maximize}
folds: ${folds}
${extra}`;

/** The runs the fixture actually executed, as `trial fold` pairs, from its ledger. */
function ledger(what: 'start' | 'end'): string[] {
  const path = join(temp.path, 'ledger.txt');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${what} `))
    .map((line) => /trial=(\d+) fold=(\d+)/.exec(line)!.slice(1).join(' '))
    .sort();
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('a sweep with folds: each trial runs once per fold', () => {
  it('runs 2 trials × 3 folds, each fold its own process and folder, the objective their mean', async () => {
    const sweep = await makeSweep(temp, sweepFile('', 'parallel: 2'));
    const snapshot = await runToEnd(sweep);
    expect(ledger('end')).toEqual(['0 0', '0 1', '0 2', '1 0', '1 1', '1 2']);
    for (const trial of snapshot.trials) {
      const lr = trial.params.lr as number;
      const results = [0, 1, 2].map((fold) => 0.5 + lr + fold / 100);
      expect(trial.state).toBe('completed');
      expect(trial.objective).toBeCloseTo((results[0] + results[1] + results[2]) / 3, 6);
      expect(trial.contexts).toBe(3);
      expect(trial.spread).toBeCloseTo(Math.sqrt(2 / 3) / 100, 6);
      expect(trial.runs?.map((r) => [r.key, r.state])).toEqual([
        ['fold 0', 'completed'],
        ['fold 1', 'completed'],
        ['fold 2', 'completed'],
      ]);
      expect(trial.runs?.map((r) => r.objective)).toEqual(results.map((x) => expect.closeTo(x, 6)));
      expect(json(join(trial.dir, 'params.json'))).toEqual(trial.params);
      expect(json(join(trial.dir, 'result.json'))).toMatchObject({ state: 'completed', contexts: 3 });
      for (const fold of [0, 1, 2]) {
        const run = join(trial.dir, 'runs', String(fold));
        expect(readFileSync(join(run, 'exit_code'), 'utf8').trim()).toBe('0');
        expect(readFileSync(join(run, 'stdout.log'), 'utf8')).toContain('epoch=3');
        expect(json(join(run, 'launch.json')).argv).toContain(`${fold}`);
        expect(json(join(run, 'result.json'))).toMatchObject({ index: fold, key: `fold ${fold}`, state: 'completed', exitCode: 0 });
        const points = await readMetricLog(join(run, 'metrics.jsonl'));
        expect(points.filter((p) => p.name === 'val_acc').map((p) => p.context)).toEqual([`fold ${fold}`, `fold ${fold}`, `fold ${fold}`]);
      }
    }
    expect(snapshot.bestTrialId).toBe(snapshot.trials.find((t) => t.params.lr === 0.2)!.id);
  });

  it("keeps at most runs_parallel of a trial's runs running at once, in index order", async () => {
    const sweep = await makeSweep(temp, sweepFile('--epoch-ms 60', 'parallel: 4\nruns_parallel: 2', { folds: 5 }));
    let most = 0;
    const startOrder: string[] = [];
    sweep.on('trial:updated', ({ trial }) => {
      for (const trialSeen of [trial]) {
        const running = trialSeen.runs!.filter((r) => r.state === 'running');
        most = Math.max(most, running.length);
        for (const r of running) if (!startOrder.includes(`${trialSeen.id} ${r.index}`)) startOrder.push(`${trialSeen.id} ${r.index}`);
      }
    });
    const snapshot = await runToEnd(sweep);
    expect(snapshot.trials.every((t) => t.state === 'completed' && t.contexts === 5)).toBe(true);
    expect(most).toBe(2);
    for (const id of [0, 1]) {
      const order = startOrder.filter((s) => s.startsWith(`${id} `)).map((s) => Number(s.split(' ')[1]));
      expect(order).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('fails the trial when a fold fails, stops its other runs, and names the fold', async () => {
    const sweep = await makeSweep(temp, sweepFile('--fail-fold 1 --hang-fold 0,2', 'runs_parallel: 3\nparallel: 3', { values: '[0.1]' }));
    const snapshot = await runToEnd(sweep);
    const [trial] = snapshot.trials as TrialSnapshot[];
    expect(trial.state).toBe('failed');
    expect(trial.reason).toBe('fold 1 failed: exit code 1');
    expect(trial.runs?.map((r) => r.state)).toEqual(['killed', 'failed', 'killed']);
    expect(trial.runs?.[2].reason).toBe('stopped: fold 1 failed: exit code 1');
    // folds 0 and 2 are launched, but their processes may be killed before their script writes its start
    expect(ledger('start')).toContain('0 1');
    expect(['0 0', '0 1', '0 2']).toEqual(expect.arrayContaining(ledger('start')));
    expect(ledger('end')).toEqual([]);
    expect(json(join(trial.dir, 'result.json'))).toMatchObject({ state: 'failed', reason: 'fold 1 failed: exit code 1' });
  });

  it('retries a failed run alone, as its own next attempt; the trial completes', async () => {
    const sweep = await makeSweep(temp, sweepFile('--fail-once-fold 1', 'retries: 1'));
    const snapshot = await runToEnd(sweep);
    expect(ledger('start')).toEqual(['0 0', '0 1', '0 1', '0 2', '1 0', '1 1', '1 1', '1 2']);
    for (const trial of snapshot.trials) {
      expect(trial.state).toBe('completed');
      expect(trial.attempt).toBe(0);
      expect(trial.runs?.map((r) => r.attempt)).toEqual([0, 1, 0]);
      expect(trial.contexts).toBe(3);
      expect(readFileSync(join(trial.dir, 'runs', '1', 'attempt-0', 'exit_code'), 'utf8').trim()).toBe('1');
    }
  });

  it('runs a script reading SWEEPTOP_FOLD and SWEEPTOP_REPEAT, folds × repeats', async () => {
    const yaml = `command: node ${FOLD_RUN} --lr {lr}
parameters:
  lr: {type: categorical, values: [0.1]}
sampler: grid
metric: {name: val_acc, goal: maximize}
folds: 2
repeats: 2
runs_from_env: true
`;
    const snapshot = await runToEnd(await makeSweep(temp, yaml));
    const [trial] = snapshot.trials;
    expect(trial.runs?.map((r) => r.key)).toEqual(['fold 0 repeat 0', 'fold 1 repeat 0', 'fold 0 repeat 1', 'fold 1 repeat 1']);
    expect(trial.runs?.map((r) => r.objective)).toEqual([0.6, 0.61, 0.601, 0.611].map((x) => expect.closeTo(x, 6)));
  });
});
