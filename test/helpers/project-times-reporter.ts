/**
 * After a run, one line per vitest project: its files and tests, its wall span (first file
 * queued to last file ended: what waiting for that project alone would cost while the others
 * share the workers) and its busy time (file durations summed: what it costs the workers).
 */
import type { Reporter, TestModule } from 'vitest/node';

interface ProjectTimes {
  files: number;
  tests: number;
  firstStart: number;
  lastEnd: number;
  busyMs: number;
}

export class ProjectTimesReporter implements Reporter {
  private readonly starts = new Map<string, number>();
  private readonly ends = new Map<string, number>();

  onTestModuleQueued(module: TestModule): void {
    this.starts.set(module.moduleId, performance.now());
  }

  onTestModuleEnd(module: TestModule): void {
    this.ends.set(module.moduleId, performance.now());
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const projects = new Map<string, ProjectTimes>();
    const now = performance.now();
    for (const module of modules) {
      const name = module.project.name || '(root)';
      const times = projects.get(name) ?? { files: 0, tests: 0, firstStart: Infinity, lastEnd: 0, busyMs: 0 };
      const busy = fileDuration(module);
      const end = this.ends.get(module.moduleId) ?? now;
      const start = this.starts.get(module.moduleId) ?? end - busy;
      times.files += 1;
      times.tests += [...module.children.allTests()].length;
      times.firstStart = Math.min(times.firstStart, start);
      times.lastEnd = Math.max(times.lastEnd, end);
      times.busyMs += busy;
      projects.set(name, times);
    }
    if (projects.size === 0) return;
    const lines = [...projects].map(
      ([name, t]) =>
        `  ${name.padEnd(8)} ${String(t.files).padStart(4)} files ${String(t.tests).padStart(5)} tests` +
        `   wall ${seconds(t.lastEnd - t.firstStart)}   busy ${seconds(t.busyMs)}`,
    );
    process.stdout.write(
      `\n Time per project (wall: first file queued → last file done; busy: file durations summed)\n${lines.join('\n')}\n\n`,
    );
  }
}

/** What vitest reports as a file's duration: its environment, setup, import and tests. */
function fileDuration(module: TestModule): number {
  const d = module.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`.padStart(8);
}
