import { describe, expect, it } from 'vitest';
import { collapseReturns, compactColours, hardWrap, splitOutput } from '../../src/ui/format/ansi.js';
import { plotCurves } from '../../src/ui/format/chart.js';
import { formatElapsed } from '../../src/ui/format/duration.js';
import { formatBytes, fitNumber } from '../../src/ui/format/number.js';
import { formatParam, parseParamInput } from '../../src/ui/format/params.js';
import { downsample, sparkline } from '../../src/ui/format/sparkline.js';
import { fit, truncate } from '../../src/ui/format/text.js';
import type { Parameter } from '../../src/plugin-api/space.js';

const strip = (s: string) => s.replace(/\x1b\[\d*m/g, '');

describe('formatElapsed', () => {
  it('shrinks precision as durations grow, so long runtimes change rarely', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(59_999)).toBe('59s');
    expect(formatElapsed(61_000)).toBe('1m01s');
    expect(formatElapsed(3_600_000 + 120_000)).toBe('1h02m');
    expect(formatElapsed(2 * 86_400_000 + 3_600_000 * 4)).toBe('2d04h');
    expect(formatElapsed(-1)).toBe('-');
  });
});

describe('fitNumber', () => {
  it('fits the width, keeps integers, names non-finite values', () => {
    expect(fitNumber(0.123456789)).toBe('0.123457');
    expect(fitNumber(42)).toBe('42');
    expect(fitNumber(1.5e-6)).toBe('1.5e-6');
    expect(fitNumber(1.23456789e-7)).toBe('1.2346e-7');
    expect(fitNumber(123456789.5, 8).length).toBeLessThanOrEqual(8);
    expect(fitNumber(NaN)).toBe('nan');
    expect(fitNumber(-Infinity)).toBe('-inf');
    expect(fitNumber(null)).toBe('-');
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512B');
    expect(formatBytes(1536)).toBe('1.5K');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0G');
  });
});

describe('text fitting', () => {
  it('truncates with an ellipsis and pads to the side asked', () => {
    expect(truncate('optimizer', 5)).toBe('opti…');
    expect(fit('ab', 4, 'right')).toBe('  ab');
    expect(fit('abcdef', 4)).toBe('abc…');
  });
});

describe('sparkline', () => {
  it('draws at most `width` cells ending on the latest value, skipping NaN', () => {
    const line = sparkline([5, 4, NaN, 3, 2, 1], 10);
    expect(line).toBe('█▆▅▃▁');
    expect(
      sparkline(
        Array.from({ length: 1000 }, (_, i) => i),
        12,
      ),
    ).toHaveLength(12);
    expect(sparkline([NaN], 5)).toBe('');
    expect(sparkline([2, 2, 2], 5)).toBe('▄▄▄');
  });

  it('downsamples to the last value of each bucket', () => {
    expect(downsample([1, 2, 3, 4, 5, 6], 3)).toEqual([2, 4, 6]);
  });
});

describe('output lines', () => {
  it('collapses carriage-return redraws to what the terminal showed', () => {
    expect(collapseReturns('10%\r50%\r100%')).toBe('100%');
    expect(collapseReturns('done\r')).toBe('done');
    expect(collapseReturns('bar\r\r')).toBe('bar');
    expect(splitOutput('a\nb 1%\rb 9%\r\nc\n')).toEqual(['a', 'b 9%', 'c']);
    expect(splitOutput('')).toEqual([]);
  });

  it('emits a colour only where it changes', () => {
    const red = '\x1b[31m';
    const reset = '\x1b[0m';
    const line = `${red}─${reset}${red}─${reset} ${red}╮${reset}`;
    const compact = compactColours(line);
    expect(strip(compact)).toBe('── ╮');
    expect(compact.length).toBeLessThan(line.length);
    expect(compact).toBe(`${red}── ╮\x1b[39m`);
  });
});

describe('plotCurves', () => {
  it('returns exactly `height` lines no wider than `width`', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => i);
    const lines = plotCurves([{ steps, values: steps.map((s) => Math.exp(-s / 200)) }], { width: 60, height: 10 })!;
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(strip(line).length).toBeLessThanOrEqual(60);
  });

  it('skips NaN and infinite points instead of throwing, and gives up on nothing finite', () => {
    expect(plotCurves([{ steps: [0, 1, 2], values: [1, NaN, Infinity] }], { width: 40, height: 6 })).toHaveLength(6);
    expect(plotCurves([{ steps: [0, 1], values: [NaN, NaN] }], { width: 40, height: 6 })).toBeNull();
    expect(plotCurves([], { width: 40, height: 6 })).toBeNull();
  });

  it('labels a flat series with its value and draws a threshold line', () => {
    const lines = plotCurves([{ steps: [0, 1, 2], values: [0.5, 0.5, 0.5] }], { width: 40, height: 7, threshold: { value: 0.52 } })!;
    expect(lines.join('\n')).toContain('0.5');
    expect(lines.some((l) => strip(l).includes('────'))).toBe(true);
    expect(lines.some((l) => strip(l).includes('┄┄┄┄'))).toBe(true);
  });

  it("draws the pruner's threshold dashed across the plot, behind the curve that crosses it", () => {
    const steps = Array.from({ length: 40 }, (_, i) => i);
    const lines = plotCurves([{ steps, values: steps.map((s) => 1 - s / 40) }], {
      width: 50,
      height: 12,
      threshold: { value: 0.5, colour: '\x1b[33m' },
    })!.map(strip);
    const row = lines.find((l) => l.includes('┄'))!;
    const plot = [...row.slice(10)];
    expect(plot).toHaveLength(40);
    // the curve's own cell on that row is kept, every other cell is a dash
    const curveCells = plot.filter((c) => c !== '┄');
    expect(curveCells.length).toBeGreaterThan(0);
    expect(curveCells.every((c) => '╮╯╰╭─│'.includes(c))).toBe(true);
    expect(plot.filter((c) => c === '┄').length).toBeGreaterThan(30);
    expect(lines.filter((l) => l.includes('┄'))).toHaveLength(1);
  });

  it('labels the step axis on its last line: first, middle and last step', () => {
    const steps = Array.from({ length: 80 }, (_, i) => i + 1);
    const lines = plotCurves([{ steps, values: steps.map((s) => 1 / s) }], { width: 60, height: 10 })!.map(strip);
    expect(lines).toHaveLength(10);
    expect(lines[9]).toMatch(/^ {5}step 1 +51 +101$/);
    expect(lines[9].length).toBe(60);
    // the plot above keeps its labelled rows
    expect(lines[8]).toMatch(/┤|┼/);
  });
});

describe('parameters', () => {
  const lr: Parameter = { kind: 'float', name: 'lr', low: 1e-4, high: 0.1, log: true };
  const layers: Parameter = { kind: 'int', name: 'layers', low: 1, high: 6, step: 1, log: false };
  const batch: Parameter = { kind: 'choice', name: 'batch', values: [32, 64, 'auto', true] };

  it('parses typed values into what the parameter allows, or says why not', () => {
    expect(parseParamInput(lr, ' 0.01 ')).toEqual({ ok: true, value: 0.01 });
    expect(parseParamInput(lr, '0.5')).toMatchObject({ ok: false, error: expect.stringContaining('lr: outside') });
    expect(parseParamInput(lr, 'fast')).toMatchObject({ ok: false, error: 'lr: expected a number' });
    expect(parseParamInput(layers, '2.5')).toMatchObject({ ok: false, error: 'layers: expected an integer' });
    expect(parseParamInput(batch, '64')).toEqual({ ok: true, value: 64 });
    expect(parseParamInput(batch, 'true')).toEqual({ ok: true, value: true });
    expect(parseParamInput(batch, 'auto')).toEqual({ ok: true, value: 'auto' });
    expect(parseParamInput(batch, '128')).toMatchObject({ ok: false, error: 'batch: one of 32, 64, auto, true' });
    expect(parseParamInput(batch, '')).toMatchObject({ ok: false });
  });

  it('shows four significant digits of sampled floats', () => {
    expect(formatParam(0.0013149136361675334)).toBe('0.001315');
    expect(formatParam(7.56008e-4)).toBe('7.56e-4');
    expect(formatParam(128)).toBe('128');
    expect(formatParam('adam')).toBe('adam');
  });
});

describe('hardWrap', () => {
  it('cuts a line into rows of the width, keeping every character and colour code', () => {
    expect(hardWrap('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(hardWrap('abc', 3)).toEqual(['abc']);
    expect(hardWrap('', 3)).toEqual(['']);
    const coloured = hardWrap('\x1b[31mabcd\x1b[39mef', 4);
    expect(coloured.map(strip)).toEqual(['abcd', 'ef']);
    expect(coloured.join('')).toBe('\x1b[31mabcd\x1b[39mef');
    expect(hardWrap('ab😀cd', 3)).toEqual(['ab😀', 'cd']);
  });
});
