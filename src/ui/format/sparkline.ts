/**
 * A one-line curve from block characters. Non-finite values (a diverged run's NaN) are skipped, so
 * the line shows what can be drawn instead of throwing or lying.
 */
const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], width: number): string {
  const finite = values.filter(Number.isFinite);
  if (width <= 0 || finite.length === 0) return '';
  const points = downsample(finite, width);
  let min = Infinity;
  let max = -Infinity;
  for (const v of points) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  let out = '';
  for (const v of points) {
    // A flat series sits mid-height: it reads as "no change", not as "at the minimum".
    const level = span === 0 ? 3 : Math.round(((v - min) / span) * (BARS.length - 1));
    out += BARS[level];
  }
  return out;
}

/**
 * Reduces a series to at most `width` points, each the last value of its bucket, so the curve ends
 * on the latest value (the one in the "last" column).
 */
export function downsample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return values.slice();
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const end = Math.floor(((i + 1) * values.length) / width) - 1;
    out.push(values[end]);
  }
  return out;
}
