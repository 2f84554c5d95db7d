/** A trial folder's attempts: an archived attempt is never overwritten by a later run's files. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareRunFolder, prepareTrialFolder, writeLaunchRecord, writeTrialResult } from '../../../src/engine/state/trial-files.js';
import type { LaunchRecord, TrialRecord } from '../../../src/engine/state/records.js';
import { runFiles, trialFiles, type TrialPaths } from '../../../src/engine/state/layout.js';
import { TempDir } from '../../helpers/sweep.js';

let temp: TempDir;
let paths: TrialPaths;

beforeEach(() => {
  temp = new TempDir();
  paths = trialFiles(join(temp.path, 'trials', '3'));
});
afterEach(() => temp.remove());

/** The files a run leaves in the trial folder, each saying which run wrote it. */
function ran(dir: string, run: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'stdout.log'), `${run}\n`);
  writeFileSync(join(dir, 'exit_code'), '0\n');
  writeFileSync(join(dir, 'launch.json'), JSON.stringify({ run }));
}

describe('prepareTrialFolder', () => {
  it("moves the previous attempt's files to attempt-<n>/ before a re-run", async () => {
    await prepareTrialFolder(paths, { lr: 0.1 }, 0);
    ran(paths.dir, 'first');
    expect(await prepareTrialFolder(paths, { lr: 0.1 }, 1)).toBeNull();
    expect(readFileSync(join(paths.dir, 'attempt-0', 'stdout.log'), 'utf8')).toBe('first\n');
    expect(existsSync(paths.stdout)).toBe(false);
    expect(JSON.parse(readFileSync(paths.params, 'utf8'))).toEqual({ lr: 0.1 });
  });

  it("moves aside the previous attempt's records still being written when the re-run is prepared", async () => {
    await prepareTrialFolder(paths, { lr: 0.1 }, 0);
    ran(paths.dir, 'first');
    // written off the event loop: neither is on disk yet when the re-run's preparation begins
    const launch = writeLaunchRecord(paths, { attempt: 0, pid: 123 } as unknown as LaunchRecord);
    const result = writeTrialResult(paths, { id: 3, attempt: 0, state: 'lost' } as unknown as TrialRecord);
    await prepareTrialFolder(paths, { lr: 0.1 }, 1);
    await Promise.all([launch, result]);
    expect(JSON.parse(readFileSync(join(paths.dir, 'attempt-0', 'result.json'), 'utf8'))).toMatchObject({ attempt: 0, state: 'lost' });
    expect(JSON.parse(readFileSync(join(paths.dir, 'attempt-0', 'launch.json'), 'utf8'))).toMatchObject({ pid: 123 });
    expect(existsSync(paths.result)).toBe(false);
    expect(existsSync(paths.launch)).toBe(false);
  });

  it('never overwrites an archived attempt: a second run archived under the same number goes beside it, and is reported', async () => {
    await prepareTrialFolder(paths, { lr: 0.1 }, 0);
    ran(join(paths.dir, 'attempt-0'), 'archived');
    ran(paths.dir, 'unrecorded');
    const archived = await prepareTrialFolder(paths, { lr: 0.1 }, 1);
    expect(readFileSync(join(paths.dir, 'attempt-0', 'stdout.log'), 'utf8')).toBe('archived\n');
    expect(readFileSync(join(paths.dir, 'attempt-0.2', 'stdout.log'), 'utf8')).toBe('unrecorded\n');
    expect(archived).toEqual({ occupied: 'attempt-0/', folder: 'attempt-0.2/' });
    ran(paths.dir, 'third');
    await prepareTrialFolder(paths, { lr: 0.1 }, 1);
    expect(
      readdirSync(paths.dir)
        .filter((n) => n.startsWith('attempt-'))
        .sort(),
    ).toEqual(['attempt-0', 'attempt-0.2', 'attempt-0.3']);
    expect(readFileSync(join(paths.dir, 'attempt-0.3', 'stdout.log'), 'utf8')).toBe('third\n');
  });
});

describe('prepareRunFolder', () => {
  it("makes the trial's folder once when two of its runs are launched at the same moment (runs_parallel)", async () => {
    const runs = [0, 1, 2].map((index) => runFiles(paths, index));
    await Promise.all(runs.map((run) => prepareRunFolder(paths, run, { lr: 0.1 }, 0)));
    expect(JSON.parse(readFileSync(paths.params, 'utf8'))).toEqual({ lr: 0.1 });
    for (const run of runs) expect(existsSync(run.dir)).toBe(true);
    expect(readdirSync(join(temp.path, 'trials'))).toEqual(['3']);
  });
});
