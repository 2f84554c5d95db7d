/** Durations as people write them in a sweep file: `30s`, `10m`, `2h`, `3d`, `1h30m`, or seconds. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The longest duration a sweep file may set. A timer runs to `now + duration` and a Date holds
 * about 275,000 years; a century is past any sweep and far inside that.
 */
export const MAX_DURATION_MS = 36_500 * UNIT_MS.d;
export const MAX_DURATION_TEXT = '36500d (100 years)';

/** The texts parseDuration reads, for schemas: `30s`, `1h30m`, `500ms`, or a number of seconds. */
export const DURATION_PATTERN = /^\s*(?:(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+|\d+(?:\.\d+)?)\s*$/;

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) {
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : undefined;
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/**
 * A duration as a sweep file writes it (`500ms`, `45s`, `1h30m`, `2d3h`), for messages that quote a
 * setting back; parseDuration reads it again, to the second (to the minute past a day).
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const parts: string[] = [];
  const d = Math.floor(s / 86400),
    h = Math.floor((s % 86400) / 3600),
    m = Math.floor((s % 3600) / 60),
    r = s % 60;
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (r && !d) parts.push(`${r}s`);
  return parts.join('');
}
