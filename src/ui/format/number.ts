/**
 * A number fitted to a budget of characters. Metrics span 1e-6 (learning rates) to 1e6 (samples/s),
 * so the format adapts: enough significant digits to compare neighbouring rows, never wider than
 * the column. (Prune reasons, which have no column, use plugin-api's formatNumber.)
 */
export function fitNumber(value: number | null | undefined, width = 9): string {
  if (value === null || value === undefined) return '-';
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Number.isInteger(value) && String(value).length <= width) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 10 ** (width - 2))) {
    return shortest(width, (d) =>
      value
        .toExponential(d)
        .replace('e+', 'e')
        .replace(/\.?0+e/, 'e'),
    );
  }
  return shortest(width, (d) => trimZeros(value.toFixed(d)));
}

/** Most precise rendering (from 6 digits down) that fits the width. */
function shortest(width: number, render: (digits: number) => string): string {
  for (let digits = 6; digits >= 0; digits--) {
    const text = render(digits);
    if (text.length <= width) return text;
  }
  return render(0).slice(0, width);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A byte count in KiB/MiB/GiB, for RSS and GPU memory. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '-';
  const units = ['B', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value >= 100 || unit === 0 ? Math.round(value).toString() : value.toFixed(1);
  return text + units[unit];
}
