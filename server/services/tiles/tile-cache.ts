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
  /** The bytes gzipped once, when drawn for the cache (clients that accept gzip get these); absent for an empty tile. */
  gzipped?: Buffer
}

/** What a tile costs the cache: its bytes and their gzipped copy. */
const sizeOf = (tile: CachedTile) => tile.bytes.length + (tile.gzipped?.length ?? 0)

interface Options {
  maxBytes?: number
  /** Incidents turn overdue as time passes, with no write to tell: no tile is served older than this. */
  maxAgeMs?: number
  /** How often a request may look at the change feed (a burst of a map's tiles shares one look). */
  checkEveryMs?: number
  /**
   * Overview tiles (get's `overview`) are kept through invalidate() for this long after they were
   * drawn (and, with nothing written, for at least maxAgeMs): each one is then drawn at most once
   * per lag however busy the county's writes are. 0: they follow every write like the rest.
   */
  overviewLagMs?: number
}

interface Entry {
  tile: CachedTile
  /** When its render began: nothing written after that is in it. */
  at: number
  overview: boolean
  /** Something was written since `at` (invalidate()); only overview tiles are kept so. */
  stale: boolean
}

/**
 * Rendered tiles, kept until a write could have changed them. Writes through any API instance
 * arrive as live events and invalidate the cache at once; the database's change feed (migration
 * 008, written by triggers, so imports and plain SQL count too) is read at most once a second and
 * invalidates it as well. A tile rendered while that happened is served but not kept. Overview
 * tiles (low zooms, a county in a few tiles, and the most expensive to draw) outlive
 * invalidate() by up to the overview lag; clear() (grid edits, imports) drops them too.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>()
  private readonly inFlight = new Map<string, { rendering: Promise<CachedTile>; overview: boolean }>()
  private bytes = 0
  /** Bumped by every invalidation; `cleared` only by clear(). */
  private generation = 0
  private cleared = 0
  private seen: string | null = null
  private checkedAt = 0
  private checking: Promise<void> | null = null
  readonly stats = { hits: 0, misses: 0, clears: 0, invalidations: 0 }
  private readonly maxBytes: number
  private readonly maxAgeMs: number
  private readonly checkEveryMs: number
  private readonly overviewLagMs: number

  constructor(
    private readonly db: Database,
    { maxBytes = 64 * 2 ** 20, maxAgeMs = 60_000, checkEveryMs = 1_000, overviewLagMs = 0 }: Options = {},
  ) {
    this.maxBytes = maxBytes
    this.maxAgeMs = maxAgeMs
    this.checkEveryMs = checkEveryMs
    this.overviewLagMs = overviewLagMs
  }

  /** The cached tile, or `render`'s; callers asking for a tile being rendered share that render. */
  async get(key: string, render: () => Promise<CachedTile>, overview = false): Promise<CachedTile> {
    await this.forgetWhatChanged()
    const entry = this.entries.get(key)
    if (entry && this.usable(entry)) {
      // Map order is recency order: the least recently used goes first when space runs out.
      this.entries.delete(key)
      this.entries.set(key, entry)
      this.stats.hits++
      return entry.tile
    }
    const pending = this.inFlight.get(key)
    if (pending) return pending.rendering
    this.stats.misses++
    const [generation, cleared, at] = [this.generation, this.cleared, Date.now()]
    const kept = overview && this.overviewLagMs > 0
    const rendering = render().finally(() => {
      if (this.inFlight.get(key)?.rendering === rendering) this.inFlight.delete(key)
    })
    this.inFlight.set(key, { rendering, overview: kept })
    const tile = await rendering
    if (generation === this.generation) this.keep(key, { tile, at, overview: kept, stale: false })
    else if (kept && cleared === this.cleared) this.keep(key, { tile, at, overview: kept, stale: true })
    return tile
  }

  /** Drops every tile: for writes that change what every layer shows (grid edits, imports). */
  clear(): void {
    this.generation++
    this.cleared++
    this.stats.clears++
    this.entries.clear()
    this.inFlight.clear()
    this.bytes = 0
  }

  /** A write may have changed any tile: drops all but the overview tiles, which are marked stale. */
  invalidate(): void {
    this.generation++
    this.stats.invalidations++
    for (const [key, entry] of this.entries) {
      if (entry.overview) entry.stale = true
      else {
        this.entries.delete(key)
        this.bytes -= sizeOf(entry.tile)
      }
    }
    for (const [key, { overview }] of this.inFlight) if (!overview) this.inFlight.delete(key)
  }

  private usable(entry: Entry): boolean {
    const age = Date.now() - entry.at
    if (!entry.overview) return !entry.stale && age < this.maxAgeMs
    return age < (entry.stale ? this.overviewLagMs : Math.max(this.maxAgeMs, this.overviewLagMs))
  }

  private keep(key: string, entry: Entry): void {
    const old = this.entries.get(key)
    if (old) this.bytes -= sizeOf(old.tile)
    this.entries.delete(key)
    this.entries.set(key, entry)
    this.bytes += sizeOf(entry.tile)
    for (const [oldest, { tile: evicted }] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= sizeOf(evicted)
    }
  }

  private forgetWhatChanged(): Promise<void> {
    if (this.checking) return this.checking
    if (Date.now() - this.checkedAt < this.checkEveryMs) return Promise.resolve()
    this.checking = (async () => {
      const { snapshot, scopes } = await coverageChangesRepository(this.db).since(this.seen)
      // The feed does not say what was written: grid edits also announce themselves (clear()).
      if (this.seen === null || scopes.length > 0) this.invalidate()
      this.seen = snapshot
      this.checkedAt = Date.now()
    })().finally(() => {
      this.checking = null
    })
    return this.checking
  }
}
