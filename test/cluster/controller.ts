/** Starts controller-child.ts and kills it with SIGKILL, by its pid, when the test says so. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { readJsonFile } from '../../src/engine/state/atomic.js';
import type { SweepDocument } from '../../src/engine/state/records.js';

const CHILD = resolve('test/cluster/controller-child.ts');

export class ChildController {
  private readonly child: ChildProcess;
  private output = '';

  constructor(
    sweepFile: string,
    readonly dir: string,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD, sweepFile, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (data) => (this.output += data));
    this.child.stderr!.on('data', (data) => (this.output += data));
  }

  /** What the child printed (for a failing test's message). */
  get log(): string {
    return this.output;
  }

  /** sweep.json as last written by the controller, or null before its first write. */
  document(): SweepDocument | null {
    return readJsonFile<SweepDocument>(join(this.dir, 'sweep.json'));
  }

  async killHard(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await gone;
  }
}
