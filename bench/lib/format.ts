/** Number formats shared by every benchmark's tables, so RESULTS.md reads one way throughout. */

export const formatCount = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Millions per second with three significant digits: `23.4 M/s`. */
export const formatRate = (perSecond: number): string => `${(perSecond / 1e6).toPrecision(3)} M/s`;

/** Binary megabytes: `123.4 MiB`; signed when asked (for deltas). */
export function formatBytes(bytes: number, signed = false): string {
  const text = `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return signed && bytes >= 0 ? `+${text}` : text;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
