/**
 * A sweep with folds or repeats while it runs: the winner line (whether the best trial is
 * distinguishable from the next ones, as the engine judged it), each running run's latest value
 * in the opened trial, and CPU/RSS of a trial's runs (their process groups).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WinnerDistinction } from '../../src/engine/analysis/winner-distinction.js';
import type { RunSnapshot } from '../../src/engine/events.js';
import type { ResourceSample } from '../../src/engine/resources/types.js';
import type { TrialState } from '../../src/plugin-api/trial-state.js';
import { outputDirOf, outputRunOf } from '../../src/ui/data/log-source.js';
import { resourceGroups } from '../../src/ui/state/resource-groups.js';
import { initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, row, type Rendered } from './render-app.js';

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

function run(index: number, state: TrialState, objective: number | null): RunSnapshot {
  return {
    index,
    key: `fold ${index}`,
    state,
    attempt: 0,
    objective,
    pid: state === 'running' ? 200 + index : null,
    exitCode: state === 'completed' ? 0 : null,
    reason: null,
    runtimeMs: 1000,
    dir: `/tmp/sweep/trials/1/runs/${index}`,
    command: `python train.py --fold ${index}`,
  };
}

const WINNER: WinnerDistinction = {
  best: { id: 2, value: 0.7, spread: 0.006, runs: 6 },
  rivals: [
    {
      id: 3,
      value: 0.69,
      spread: 0.004,
      runs: 6,
      sharedRuns: 6,
      verdict: 'not-distinguishable',
      test: { p: 0.41, n: 6, method: 'exact' } as never,
    },
    {
      id: 4,
      value: 0.6,
      spread: 0.004,
      runs: 6,
      sharedRuns: 6,
      verdict: 'distinguishable',
      test: { p: 0.03125, n: 6, method: 'exact' } as never,
    },
  ],
  alpha: 0.05,
  neededRuns: 6,
};

function foldSweep(winner?: WinnerDistinction): FakeClient {
  const trials = [
    makeTrial(1, {
      state: 'running',
      pid: null,
      startedAt: Date.now(),
      objective: 0.61,
      contexts: 3,
      runs: [run(0, 'completed', 0.6), run(1, 'running', 0.5), run(2, 'running', null), run(3, 'queued', null)],
    }),
    ...[2, 3, 4].map((id) =>
      makeTrial(id, { state: 'completed', objective: 0.7, contexts: 4, runs: [0, 1, 2, 3].map((i) => run(i, 'completed', 0.7)) }),
    ),
  ];
  const metric = { name: 'val_acc', goal: 'maximize', value: 'last', combine: 'mean' } as const;
  return new FakeClient(makeSnapshot({ trials, metric, ...(winner && { winner }) }));
}

const lines = (frame: string) => plain(frame).split('\n');

describe('the winner line', () => {
  it('says whether the best is distinguishable from the next ones, from the snapshot, within the width', async () => {
    app = renderApp(foldSweep(WINNER));
    const frame = await app.until((f) => /best #2/.test(plain(f)), 'the winner line');
    const line = lines(frame).find((l) => /best #2/.test(l))!;
    expect(line).toMatch(/best #2: 0\.7 ± 0\.006; not distinguishable from #3 \(p = 0\.41\); distinguishable from #4 \(p = 0\.031\)/);
    expect(line.trimEnd().length).toBeLessThanOrEqual(100);
  });

  it('appears and changes with sweep:winner, and is not there before it', async () => {
    app = renderApp(foldSweep());
    await app.until((f) => row(f, 4) !== '', 'the table');
    expect(plain(app.frame())).not.toMatch(/best #\d+:/);
    app.client.emit('sweep:winner', { winner: WINNER });
    await app.until((f) => /best #2: 0\.7/.test(plain(f)), 'the winner line');
    app.client.emit('sweep:winner', {
      winner: { ...WINNER, rivals: [{ ...WINNER.rivals[0], sharedRuns: 3, verdict: 'too-few-shared-runs' }] },
    });
    await app.until((f) => /too few shared runs to tell from #3 \(3\)/.test(plain(f)), 'the new verdict');
  });

  it('is shortened, never wrapped, on a narrow terminal', async () => {
    app = renderApp(foldSweep(WINNER));
    app.size.columns = 60;
    app.size.emit('resize');
    const winnerOf = (f: string) => lines(f).find((l) => /best #2/.test(l)) ?? '';
    const frame = await app.until((f) => winnerOf(f) !== '' && winnerOf(f).trimEnd().length <= 60, 'the winner line within 60 columns');
    const line = winnerOf(frame);
    expect(line).toMatch(/#3/);
    expect(line).toMatch(/#4/);
  });
});

describe("a run's live value", () => {
  it("shows in the opened trial's run row as a point of that run arrives", async () => {
    app = renderApp(foldSweep());
    await app.until((f) => row(f, 4) !== '', 'the table');
    await app.type('\r');
    await app.until((f) => /fold 3/.test(plain(f)), 'the runs');
    app.client.emit('trial:metric', {
      trialId: 1,
      name: 'val_acc',
      step: 2,
      value: 0.55,
      context: 'fold 2',
      standing: { objective: 0.6, best: 0.6, step: 2, steps: 4, spread: 0.05, contexts: 3, objectiveSource: null },
      run: { index: 2, objective: 0.55 },
      time: Date.now(),
      provisional: false,
    });
    const frame = await app.until((f) => /fold 2 running\s+0\.55/.test(plain(f)), 'the value of fold 2');
    expect(lines(frame).find((l) => /fold 1 running/.test(l))).toMatch(/0\.5\b/);
  });
});

describe('CPU and RSS of a trial with runs', () => {
  const sample = (groups: [number, number, number][]): ResourceSample => ({
    time: Date.now(),
    gpus: null,
    gpuProcesses: [],
    gpuError: null,
    groups: new Map(groups.map(([pgid, cpuPercent, rssBytes]) => [pgid, { pgid, cpuPercent, rssBytes, processes: 1, leaderState: 'R' }])),
  });

  it("measures each running run's process group", () => {
    const view = initialSweepView(foldSweep().snapshot(), Date.now());
    expect([...resourceGroups(view)].sort()).toEqual([201, 202]);
  });

  it("shows the sum of its live runs on the trial's row, each run's own under it, and counts each run's group", async () => {
    const feed = {
      subscribe: (listener: (s: ResourceSample) => void) => (
        listener(
          sample([
            [201, 40, 100 * 2 ** 20],
            [202, 60, 50 * 2 ** 20],
          ]),
        ),
        () => {}
      ),
    };
    app = renderApp(foldSweep(), { resources: feed });
    const frame = await app.until((f) => /\(2 groups\)/.test(plain(f)) && row(f, 1) !== '', 'the resource line');
    expect(lines(frame).find((l) => /^trials: cpu|trials: cpu/.test(l))).toMatch(/cpu 100% rss 150M/);
    // 100 columns leave room for cpu% only
    expect(row(frame, 1)).toMatch(/\s100\s*$/);
    await app.type('\r');
    const open = await app.until((f) => /fold 2/.test(plain(f)), 'the runs');
    const cpuAt = row(open, 1).lastIndexOf('100') + 3;
    const fold1 = lines(open).find((l) => /fold 1 running/.test(l))!;
    const fold2 = lines(open).find((l) => /fold 2 running/.test(l))!;
    // each under the trial's cpu% column
    expect(fold1.slice(cpuAt - 5, cpuAt)).toBe('   40');
    expect(fold2.slice(cpuAt - 5, cpuAt)).toBe('   60');
    expect(
      lines(open)
        .find((l) => /fold 0 completed/.test(l))!
        .trimEnd().length,
    ).toBeLessThan(cpuAt - 5);
  });
});

describe('the output of a trial with runs', () => {
  it("is its running run's, else its last started run's: its folder and its command", async () => {
    const client = foldSweep();
    const trial = client.snapshot().trials[0];
    expect(outputDirOf(trial)).toBe('/tmp/sweep/trials/1/runs/1');
    const done = { ...trial, runs: trial.runs!.map((r) => (r.state === 'running' ? { ...r, state: 'completed' as const, pid: null } : r)) };
    expect(outputRunOf(done)?.index).toBe(2);
    expect(outputDirOf({ ...trial, runs: undefined })).toBe(trial.dir);

    app = renderApp(client);
    const frame = await app.until((f) => /\$ python train\.py/.test(plain(f)), 'the detail pane');
    expect(plain(frame)).toMatch(/\$ python train\.py --fold 1/);
  });
});
