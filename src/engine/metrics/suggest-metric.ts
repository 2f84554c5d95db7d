// placeholder until the rescore branch lands its suggestion module
export function missingMetricMessage(wanted: string, seen: readonly string[]): string {
  return `metric '${wanted}' was never reported; seen: ${[...new Set(seen)].slice(0, 8).join(', ') || 'no metrics'}`;
}
