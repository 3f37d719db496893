import { AppError } from '../../errors'

/** The queue is full: 503 with Retry-After (the route sets the header from retryAfterSeconds). */
export class TilesBusyError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(503, 'tiles_busy', `Too many tiles are being drawn; try again in ${retryAfterSeconds} s`, { retryAfterSeconds })
  }
}

/** The client went away while its render waited: nobody reads the answer, so nothing is drawn. */
export class RenderAbandonedError extends AppError {
  constructor() {
    // 499, nginx's "client closed request": never seen by a client, and not logged as a fault.
    super(499, 'client_closed_request', 'The client closed the request before its tile was drawn')
  }
}

/** 1 on the embedded engine (one connection, and each statement holds the event loop); else all but one of the pool's connections. */
export function defaultRenderConcurrency(engine: 'pglite' | 'postgres', poolSize: number): number {
  return engine === 'pglite' ? 1 : Math.max(1, poolSize - 1)
}

interface Waiter {
  start(): void
}

/**
 * At most `concurrency` tile renders at once; up to `maxWaiting` more wait their turn, first come
 * first served, and any beyond are refused with TilesBusyError. Without it, a burst of renders
 * queues all its statements for the database's connections ahead of every other read: on the
 * embedded engine /api/health waited behind eight low-zoom tiles for two seconds. A waiter whose
 * client has gone (its signal aborts) leaves the queue without drawing.
 */
export class RenderQueue {
  private running = 0
  private readonly waiting: Waiter[] = []
  /** A moving mean of render times, for Retry-After. */
  private meanMs = 200
  /** `peak`: the most renders ever running at once (tests check it never passes the bound). */
  readonly stats = { peak: 0, rendered: 0, refused: 0, abandoned: 0 }

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`)
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.turn(signal)
    const started = performance.now()
    try {
      return await work()
    } finally {
      this.meanMs = 0.8 * this.meanMs + 0.2 * (performance.now() - started)
      this.stats.rendered++
      this.release()
    }
  }

  private turn(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RenderAbandonedError())
    if (this.running < this.concurrency) {
      this.running++
      this.stats.peak = Math.max(this.stats.peak, this.running)
      return Promise.resolve()
    }
    if (this.waiting.length >= this.maxWaiting) {
      this.stats.refused++
      return Promise.reject(new TilesBusyError(this.retryAfterSeconds()))
    }
    return new Promise((resolve, reject) => {
      const abandon = () => {
        const index = this.waiting.indexOf(waiter)
        if (index === -1) return
        this.waiting.splice(index, 1)
        this.stats.abandoned++
        reject(new RenderAbandonedError())
      }
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', abandon)
          resolve()
        },
      }
      signal?.addEventListener('abort', abandon, { once: true })
      this.waiting.push(waiter)
    })
  }

  /**
   * The slot passes straight to the next waiter, so a newcomer cannot overtake the queue; but only
   * after a turn of the event loop, so that requests which arrived during the render (a health
   * check) ask for their connection before the next render does.
   */
  private release(): void {
    const next = this.waiting.shift()
    if (next) setImmediate(() => next.start())
    else this.running--
  }

  /** Long enough for the queue ahead to drain at the recent pace; 1 to 60 s. */
  private retryAfterSeconds(): number {
    const drainMs = ((this.waiting.length + 1) * this.meanMs) / this.concurrency
    return Math.min(60, Math.max(1, Math.ceil(drainMs / 1000)))
  }
}
