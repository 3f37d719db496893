/** Timing helpers: every figure is a median and p95 over repeated runs in one process. */
export interface Timing {
  name: string
  runs: number
  medianMs: number
  p95Ms: number
}

export async function time(name: string, runs: number, work: () => Promise<unknown>, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work()
  return timeEach(name, runs, async () => {
    const started = performance.now()
    await work()
    return performance.now() - started
  })
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1))
export const ratio = (ours: Timing, baseline: Timing) => (baseline.medianMs / ours.medianMs).toFixed(1)

/** Like `time`, for work that does untimed setup first and returns the milliseconds of the part that counts. */
export async function timeEach(name: string, runs: number, work: () => Promise<number>): Promise<Timing> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(await work())
  const { median, p95 } = percentiles(samples)
  return { name, runs, medianMs: median, p95Ms: p95 }
}

/** Median and p95 of samples (nearest rank). */
export function percentiles(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
  return { median: pick(0.5), p95: pick(0.95) }
}
