// Percentiles over recorded latencies (nearest rank), rounded for the report.
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return round(sortedMs[rank]!);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Samples this process's RSS every few ms and keeps the peak (bytes). */
export function rssSampler(everyMs = 20): { peakMb: () => number; stop: () => void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  return {
    peakMb: () => round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, 1),
    stop: () => clearInterval(timer),
  };
}
