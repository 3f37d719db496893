import type { Database } from '../../db/database'
import { coverageChangesRepository } from '../../repositories/coverage-changes.repository'

export interface CachedTile {
  bytes: Buffer
  etag: string
  /** Features in the tile, and how many the tile's box held before thinning. */
  features: number
  candidates: number
  /** 1: every feature; k: one in k (see server/repositories/tiles.repository.ts, keptBy). */
  keepOneIn: number
}

interface Options {
  maxBytes?: number
  /** Incidents turn overdue as time passes, with no write to tell: no tile is served older than this. */
  maxAgeMs?: number
  /** How often a request may look at the change feed (a burst of a map's tiles shares one look). */
  checkEveryMs?: number
}

/**
 * Rendered tiles, kept until a write could have changed them. Writes through any API instance
 * arrive as live events and clear the cache at once; the database's change feed (migration 008,
 * written by triggers, so imports and plain SQL count too) is read at most once a second and
 * clears it as well. A tile rendered while a clear happened is served but not kept.
 */
export class TileCache {
  private readonly entries = new Map<string, { tile: CachedTile; at: number }>()
  private readonly inFlight = new Map<string, Promise<CachedTile>>()
  private bytes = 0
  private generation = 0
  private seen: string | null = null
  private checkedAt = 0
  private checking: Promise<void> | null = null
  readonly stats = { hits: 0, misses: 0, clears: 0 }
  private readonly maxBytes: number
  private readonly maxAgeMs: number
  private readonly checkEveryMs: number

  constructor(private readonly db: Database, { maxBytes = 64 * 2 ** 20, maxAgeMs = 60_000, checkEveryMs = 1_000 }: Options = {}) {
    this.maxBytes = maxBytes
    this.maxAgeMs = maxAgeMs
    this.checkEveryMs = checkEveryMs
  }

  async get(key: string, render: () => Promise<CachedTile>): Promise<CachedTile> {
    await this.forgetWhatChanged()
    const entry = this.entries.get(key)
    if (entry && Date.now() - entry.at < this.maxAgeMs) {
      // Map order is recency order: the least recently used goes first when space runs out.
      this.entries.delete(key)
      this.entries.set(key, entry)
      this.stats.hits++
      return entry.tile
    }
    const pending = this.inFlight.get(key)
    if (pending) return pending
    this.stats.misses++
    const generation = this.generation
    const rendering = render().finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, rendering)
    const tile = await rendering
    if (generation === this.generation) this.keep(key, tile)
    return tile
  }

  clear(): void {
    this.generation++
    this.stats.clears++
    this.entries.clear()
    this.inFlight.clear()
    this.bytes = 0
  }

  private keep(key: string, tile: CachedTile): void {
    const old = this.entries.get(key)
    if (old) this.bytes -= old.tile.bytes.length
    this.entries.set(key, { tile, at: Date.now() })
    this.bytes += tile.bytes.length
    for (const [oldest, { tile: evicted }] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= evicted.bytes.length
    }
  }

  private forgetWhatChanged(): Promise<void> {
    if (this.checking) return this.checking
    if (Date.now() - this.checkedAt < this.checkEveryMs) return Promise.resolve()
    this.checking = (async () => {
      const { snapshot, scopes } = await coverageChangesRepository(this.db).since(this.seen)
      if (this.seen === null || scopes.length > 0) this.clear()
      this.seen = snapshot
      this.checkedAt = Date.now()
    })().finally(() => {
      this.checking = null
    })
    return this.checking
  }
}
