/**
 * The soak test, CI-sized: 200 trials (about 1 in 10 crashing, some leaving a child), parallel
 * 8, retries 1; trial groups frozen and thawed at random, the controller killed 10 times at random
 * moments (half of them a few ms after a trial folder appears) and resumed each time. Then: every
 * start ran its recorded parameters, no (trial, attempt) ran twice, no finished run was lost,
 * every trial ended, nothing was left running. SOAK_SEED replays a failing run's choices.
 */
import { describe, expect, it } from 'vitest';
import { runSoak, soakLine } from '../../scripts/soak/drive.js';

describe('soak', () => {
  it('200 trials through crashes, SIGSTOP/SIGCONT and 10 controller kills: nothing lost, duplicated or left behind', async () => {
    const report = await runSoak({
      trials: 200,
      parallel: 8,
      kills: 10,
      seed: Number(process.env.SOAK_SEED ?? 17),
      timeoutMs: 260_000,
      log: (line) => console.log(line),
    });
    console.log(soakLine(report));
    if (report.problems.length > 0) console.log(`${report.problems.join('\n')}\nkept: ${report.folder}`);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ trials: 200, kills: 10, lost: 0, duplicated: 0, wrongParams: 0, inconsistent: 0, orphans: [] });
  }, 300_000);
});
