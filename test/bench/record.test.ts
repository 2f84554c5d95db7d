import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceBlock, writeBlock } from '../../bench/lib/docs-block.js';
import { summarise } from '../../bench/lib/figures.js';
import { readOptions } from '../../bench/lib/options.js';
import { spread } from '../../bench/lib/stats.js';

const DOC = `# Performance

Hand-written intro, with   odd  spacing and a trailing space 
<!-- bench:startup -->
old startup figures
<!-- /bench:startup -->

## Scheduler
Prose between the blocks.
<!-- bench:scheduler -->
old scheduler figures
<!-- /bench:scheduler -->
Trailing prose, no newline at the end`;

describe('replaceBlock', () => {
  it('replaces one block and leaves every other byte of the file as it was', () => {
    const out = replaceBlock(DOC, 'scheduler', 'new figures\n| a | b |');
    const [before, after] = DOC.split('old scheduler figures');
    expect(out).toBe(`${before}new figures\n| a | b |${after}`);
    expect(out).toContain('old startup figures');
  });

  it('is idempotent: writing the same figures twice gives the same file', () => {
    const once = replaceBlock(DOC, 'startup', 'figures');
    expect(replaceBlock(once, 'startup', 'figures')).toBe(once);
  });

  it('refuses a missing block, naming the marker', () => {
    expect(() => replaceBlock(DOC, 'latency', 'x')).toThrow(/<!-- bench:latency --> occurs 0 times/);
  });

  it('refuses a duplicated marker', () => {
    const twice = `${DOC}\n<!-- bench:startup -->\n<!-- /bench:startup -->\n`;
    expect(() => replaceBlock(twice, 'startup', 'x')).toThrow(/occurs 2 times/);
  });

  it('refuses a block whose closing marker is missing or comes first', () => {
    expect(() => replaceBlock(DOC.replace('<!-- /bench:startup -->', ''), 'startup', 'x')).toThrow(/0 times/);
    const swapped = '<!-- /bench:startup -->\n<!-- bench:startup -->\n';
    expect(() => replaceBlock(swapped, 'startup', 'x')).toThrow(/comes before/);
  });

  it('does not take one block for another whose name starts the same', () => {
    const doc = '<!-- bench:samplers -->\na\n<!-- /bench:samplers -->\n<!-- bench:samplers-seeds -->\nb\n<!-- /bench:samplers-seeds -->\n';
    expect(replaceBlock(doc, 'samplers', 'c')).toBe(doc.replace('\na\n', '\nc\n'));
  });
});

describe('writeBlock', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites the file in place, and leaves it untouched when it refuses', () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-record-'));
    const path = join(dir, 'performance.md');
    writeFileSync(path, DOC);
    writeBlock(path, 'startup', 'new');
    expect(readFileSync(path, 'utf8')).toBe(DOC.replace('old startup figures', 'new'));
    const written = readFileSync(path, 'utf8');
    expect(() => writeBlock(path, 'missing', 'x')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe(written);
  });
});

describe('figures', () => {
  it('summarises min/median/max and the per-run ratios, judging the goal on the median', () => {
    const s = summarise({
      label: 'x',
      unit: 's',
      values: [4, 2, 9],
      baseline: { label: 'b', values: [2, 2, 3] },
      goal: { of: 'ratio', op: '≤', limit: 2 },
    });
    expect(s.own).toEqual({ min: 2, median: 4, max: 9 });
    expect(s.ratio).toEqual({ min: 1, median: 2, max: 3 });
    expect(s.met).toBe(true);
  });

  it('gives no ratio when a baseline value is zero or less', () => {
    const s = summarise({ label: 'x', unit: 'ms', values: [1, 2, 3], baseline: { label: 'b', values: [0.5, -0.1, 1] } });
    expect(s.baseline?.min).toBe(-0.1);
    expect(s.ratio).toBeUndefined();
  });

  it('refuses a baseline with a different number of runs', () => {
    expect(() => summarise({ label: 'x', unit: '', values: [1, 2], baseline: { label: 'b', values: [1] } })).toThrow(/2 runs but 1/);
  });

  it('takes the mean of the middle two as the median of an even count', () => {
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
  });
});

describe('options', () => {
  it('defaults to 3 runs and writing; --quick and --no-write never write', () => {
    expect(readOptions([])).toEqual({ runs: 3, quick: false, write: true });
    expect(readOptions(['--runs', '5', '--quick'])).toEqual({ runs: 5, quick: true, write: false });
    expect(readOptions(['--no-write']).write).toBe(false);
    expect(() => readOptions(['--runs', '0'])).toThrow(/--runs/);
  });
});
