/**
 * Elapsed time as a person reads it at a glance, in a fixed shape (`1m01s`, `1h02m`, `2d04h`). The
 * unit shrinks the precision as the number grows, so a runtime column of a days-long sweep changes
 * once a minute, not once a second: fewer bytes over SSH and less flicker. (A duration quoted back
 * from a sweep file, `1h30m` or `500ms`, is plugin-api's formatDuration.)
 */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${pad2(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${pad2(m % 60)}m`;
  const d = Math.floor(h / 24);
  return `${d}d${pad2(h % 24)}h`;
}

/** "12s ago", "3m ago": for events and interventions. */
export function formatAgo(ms: number): string {
  return `${formatElapsed(ms)} ago`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "45s", "4m", "2h", "3d": one unit, for a cell as narrow as `silent 4m`. */
export function formatCoarse(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 24 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

/** "<1m", "12m", "1h05m", "2d03h": a time to go, to the minute (an estimate is no finer). */
export function formatRemaining(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  const m = Math.round(ms / 60_000);
  if (m < 1) return '<1m';
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${pad2(m % 60)}m`;
  return `${Math.floor(h / 24)}d${pad2(h % 24)}h`;
}
