import { describe, expect, it } from 'vitest';
import { allFolderWritesSettled, folderWritesSettled, queueFolderWrite } from '../../../src/engine/state/folder-writes.js';

/** A write that finishes when the test says so, recording when it started and ended. */
function heldWrite(log: string[], name: string) {
  let finish!: (error?: Error) => void;
  const write = () =>
    new Promise<void>((resolve, reject) => {
      log.push(`${name} started`);
      finish = (error) => {
        log.push(`${name} done`);
        if (error) reject(error);
        else resolve();
      };
    });
  return { write, finish: (error?: Error) => finish(error) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('writes into a folder', () => {
  it('start one after another, in the order they were queued', async () => {
    const log: string[] = [];
    const launch = heldWrite(log, 'launch');
    const result = heldWrite(log, 'result');
    const first = queueFolderWrite('/sweep/trials/1', launch.write);
    const second = queueFolderWrite('/sweep/trials/1', result.write);
    await turn();
    expect(log).toEqual(['launch started']);
    launch.finish();
    await first;
    await turn();
    expect(log).toEqual(['launch started', 'launch done', 'result started']);
    result.finish();
    await second;
  });

  it('of another folder do not wait', async () => {
    const log: string[] = [];
    const one = heldWrite(log, 'one');
    const two = heldWrite(log, 'two');
    const first = queueFolderWrite('/sweep/trials/1', one.write);
    const second = queueFolderWrite('/sweep/trials/2', two.write);
    await turn();
    expect(log).toEqual(['one started', 'two started']);
    one.finish();
    two.finish();
    await Promise.all([first, second]);
  });

  it('go on after one that failed, whose caller alone hears of it', async () => {
    const log: string[] = [];
    const broken = heldWrite(log, 'broken');
    const next = heldWrite(log, 'next');
    const first = queueFolderWrite('/sweep/trials/3', broken.write);
    const second = queueFolderWrite('/sweep/trials/3', next.write);
    await turn();
    broken.finish(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    await turn();
    expect(log).toContain('next started');
    next.finish();
    await expect(second).resolves.toBeUndefined();
  });

  it('are waited for: a folder, then all of them', async () => {
    const log: string[] = [];
    const a = heldWrite(log, 'a');
    const b = heldWrite(log, 'b');
    void queueFolderWrite('/sweep/trials/4', a.write);
    void queueFolderWrite('/sweep/trials/5', b.write);
    let folderDone = false;
    let allDone = false;
    void folderWritesSettled('/sweep/trials/4').then(() => (folderDone = true));
    void allFolderWritesSettled().then(() => (allDone = true));
    await turn();
    expect([folderDone, allDone]).toEqual([false, false]);
    a.finish();
    await turn();
    expect([folderDone, allDone]).toEqual([true, false]);
    b.finish();
    await turn();
    expect(allDone).toBe(true);
    // nothing queued any more: waiting ends at once
    await folderWritesSettled('/sweep/trials/4');
    await allFolderWritesSettled();
  });
});
