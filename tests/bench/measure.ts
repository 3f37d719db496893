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
  samples.sort((a, b) => a - b)
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]
  return { name, runs, medianMs: pick(0.5), p95Ms: pick(0.95) }
}
