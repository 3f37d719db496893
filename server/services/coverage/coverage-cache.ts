import type { Database, Queryable } from '../../db/database'
import type { ServiceCategory } from '../../domain/vocabulary'
import { notFound } from '../../errors'
import { coverageAreaRepository, type GapPiece, type OutsidePiece, type OverlapPiece } from '../../repositories/coverage-area.repository'
import { coverageChangesRepository } from '../../repositories/coverage-changes.repository'
import { coverageGridsRepository, type GridFacts, type HouseholdTotals } from '../../repositories/coverage-grids.repository'
import { coverageServiceRepository, type ServiceGap } from '../../repositories/coverage-service.repository'
import { assembleReport, coverageReport, REPORT_READERS, reportWindow, type CoverageReport } from './coverage.service'
import type { CoverageSettings } from './coverage-settings'
import { assertKnownRegion } from '../known-region'

/**
 * A county's report, cut along its communities. Everything in it that depends on grids is a
 * community's share (its holes, the overlaps of its lower-coded grids, its grids' facts and
 * service shortfalls); the rest is county-wide and moves only when households, patrols or
 * service points do. A grid edit therefore recomputes one or two communities, not the county.
 */
interface CommunityPart {
  gaps: { pieces: GapPiece[]; uncoveredAreaM2: number }
  overlaps: OverlapPiece[]
  outside: OutsidePiece[]
  facts: GridFacts[]
  lackingByGrid: Record<ServiceCategory, Record<string, number>>
}

interface CountyPart {
  /** Holes above communities: the county or a street not covered by its children. */
  parentGaps: { pieces: GapPiece[]; uncoveredAreaM2: number }
  totals: HouseholdTotals
  service: ServiceGap[]
}

interface Entry<T> {
  value: T
  asOf: Date
}

type Slot<T> = Map<string, Promise<Entry<T>>>

interface RenewOptions {
  /** How often to look for ageing parts. */
  everyMs?: number
  /** Age at which a part is renewed (before the cache would refuse it). */
  afterMs?: number
  log?: (error: unknown) => void
}

const PRUNE_EVERY_MS = 10 * 60_000

/**
 * Coverage reports as of at most `ttlMs` ago, recomputed only where the data changed. What
 * changed comes from the `coverage_changes` feed the database's triggers write (migration 008),
 * read from the snapshot of the previous check, so a write is never missed whatever order
 * transactions commit in. County reports are assembled from cached parts; street and community
 * reports are cached whole.
 */
export class CoverageCache {
  private readonly communities: Slot<CommunityPart> = new Map()
  private readonly counties: Slot<CountyPart> = new Map()
  private readonly reports: Slot<CoverageReport> = new Map()
  private seen: string | null = null
  private prunedAt = 0
  /** How many parts and reports were computed (not served from the cache): for tests and benchmarks. */
  readonly computed = { communities: 0, counties: 0, reports: 0, countyReports: 0, renewals: 0 }
  private readonly askedFor = new Map<string, number>()
  private renewing: ReturnType<typeof setInterval> | null = null
  /** The renewal pass under way, if any: stopping waits for it, so nothing renews after the stop. */
  private pass: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Database,
    private readonly settings: CoverageSettings,
    private readonly ttlMs: number,
  ) {}

  async report(code: string): Promise<CoverageReport> {
    this.askedFor.set(code, Date.now())
    return this.build(code)
  }

  private async build(code: string): Promise<CoverageReport> {
    await assertKnownRegion(this.db, code)
    await this.forgetWhatChanged()
    // An assembled county report is kept too (asOf: its oldest part), forgotten with any change in
    // the county: assembling and the live reads behind it cost more than a wall's poll should.
    if (code.length === 6) return (await this.fresh(this.reports, code, () => this.countyReport(code))).value
    return (
      await this.fresh(this.reports, code, async () => {
        this.computed.reports++
        const asOf = new Date()
        return { value: await coverageReport(this.db, code, this.settings, asOf), asOf }
      })
    ).value
  }

  /**
   * Keeps the reports asked for in the last hour young in the background: a part is recomputed
   * a little before it would expire, so a wall or an editor never waits for a whole county just
   * because time passed. (A server process calls this; tests and benchmarks do not.)
   */
  startRenewing({ everyMs = Math.max(5_000, this.ttlMs / 4), afterMs = this.ttlMs * 0.75, log = () => {} }: RenewOptions = {}): void {
    if (this.renewing) return
    let busy = false
    this.renewing = setInterval(() => {
      if (busy) return
      busy = true
      this.pass = this.renewAging(afterMs)
        .catch(log)
        .finally(() => {
          busy = false
        })
    }, everyMs)
    this.renewing.unref()
  }

  /** Stops renewing; resolves once a pass already under way has ended. */
  stopRenewing(): Promise<void> {
    if (this.renewing) clearInterval(this.renewing)
    this.renewing = null
    return this.pass
  }

  private async renewAging(afterMs: number): Promise<void> {
    const hourAgo = Date.now() - 3_600_000
    for (const [code, at] of this.askedFor) if (at < hourAgo) this.askedFor.delete(code)
    if (this.askedFor.size === 0) return
    await this.forgetWhatChanged()
    const ageing = async <T>(slot: Slot<T>) => {
      for (const [key, entry] of [...slot]) {
        const value = await entry.catch(() => null)
        const interested = [...this.askedFor.keys()].some((code) => key.startsWith(code) || code.startsWith(key))
        // Dropping it makes the next report (this one, below) compute it afresh.
        if (interested && value && Date.now() - value.asOf.getTime() > afterMs && slot.get(key) === entry) slot.delete(key)
      }
    }
    await ageing(this.counties)
    await ageing(this.communities)
    await ageing(this.reports)
    for (const code of this.askedFor.keys()) await this.build(code)
    this.computed.renewals++
  }

  /** Drops every cached piece that a write since the last check may have changed. */
  private async forgetWhatChanged(): Promise<void> {
    const changes = coverageChangesRepository(this.db)
    const { snapshot, scopes } = await changes.since(this.seen)
    if (this.seen === null || scopes.includes('*')) {
      this.communities.clear()
      this.counties.clear()
      this.reports.clear()
    } else {
      for (const scope of scopes) {
        this.communities.delete(scope)
        this.counties.delete(scope)
        // A street or community report reads its communities' grids and its county's households.
        for (const code of this.reports.keys()) if (scope.startsWith(code) || code.startsWith(scope)) this.reports.delete(code)
      }
    }
    this.seen = snapshot
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now()
      await changes.prune()
    }
  }

  /** The cached entry if it is young enough, else a new one (computed once however many ask). */
  private async fresh<T>(slot: Slot<T>, key: string, compute: () => Promise<Entry<T>>): Promise<Entry<T>> {
    const cached = slot.get(key)
    if (cached) {
      const entry = await cached.catch(() => null)
      if (entry && Date.now() - entry.asOf.getTime() <= this.ttlMs) return entry
      if (slot.get(key) !== cached) return this.fresh(slot, key, compute)
    }
    const computing = compute()
    slot.set(key, computing)
    computing.catch(() => {
      if (slot.get(key) === computing) slot.delete(key)
    })
    return computing
  }

  private async countyReport(county: string): Promise<Entry<CoverageReport>> {
    this.computed.countyReports++
    const area = coverageAreaRepository(this.db)
    const regions = await area.regionsUnder(county)
    const countyPart = await this.fresh(this.counties, county, () => this.computeCounty(county))
    const parts: Entry<CommunityPart>[] = []
    for (const community of regions.filter((r) => r.level === 'community')) {
      parts.push(await this.fresh(this.communities, community.code, () => this.computeCommunity(community.code)))
    }
    // Cheap, and not cut along communities: read them now.
    const region = await area.regionFacts(county)
    if (!region) throw notFound(`region ${county}`)
    const foreignOverlaps = await area.overlapsOwnedBy(county, null, this.settings.minAreaM2)
    const overlapPieces = [...foreignOverlaps, ...parts.flatMap((p) => p.value.overlaps)].sort((a, b) => b.areaM2 - a.areaM2)
    const gapParts = [countyPart.value.parentGaps, ...parts.map((p) => p.value.gaps)]
    const byGrid = (category: ServiceCategory) => Object.assign({}, ...parts.map((p) => p.value.lackingByGrid[category]))
    const asOf = new Date(Math.min(countyPart.asOf.getTime(), ...parts.map((p) => p.asOf.getTime())))
    const report = assembleReport(
      {
        region,
        regions,
        gaps: {
          pieces: gapParts.flatMap((g) => g.pieces).sort((a, b) => b.areaM2 - a.areaM2),
          uncoveredAreaM2: gapParts.reduce((total, g) => total + g.uncoveredAreaM2, 0),
        },
        overlaps: { pieces: overlapPieces, totalAreaM2: await area.unionAreaM2(overlapPieces) },
        outside: parts.flatMap((p) => p.value.outside),
        emptyRegions: await area.emptyRegions(county),
        facts: parts.flatMap((p) => p.value.facts),
        overloaded: await coverageGridsRepository(this.db).overloadedWorkers(county, this.settings.maxGridsPerWorker),
        totals: countyPart.value.totals,
        serviceGaps: countyPart.value.service.map((gap) => ({ ...gap, byGrid: byGrid(gap.category) })),
      },
      this.settings,
      asOf,
    )
    return { value: report, asOf }
  }

  private computeCommunity(code: string): Promise<Entry<CommunityPart>> {
    this.computed.communities++
    return this.inSnapshot(async (on, asOf) => {
      const min = this.settings.minAreaM2
      const [gaps, overlaps, outside, facts, lackingByGrid] = await Promise.all([
        coverageAreaRepository(on(1)).gaps(code, min, 'communities'),
        coverageAreaRepository(on(0)).overlapsOwnedBy(code.slice(0, 6), code, min),
        coverageAreaRepository(on(1)).gridsOutsideCommunity(code, min),
        coverageGridsRepository(on(1)).gridFacts(code, reportWindow(this.settings, asOf)),
        coverageServiceRepository(on(0)).lackingByGrid(code, this.settings.serviceDistanceM),
      ])
      return { gaps, overlaps, outside, facts, lackingByGrid }
    })
  }

  private async computeCounty(code: string): Promise<Entry<CountyPart>> {
    this.computed.counties++
    await coverageServiceRepository(this.db).prepareAreas(code, this.settings.serviceDistanceM)
    return this.inSnapshot(async (on, asOf) => {
      const [parentGaps, totals, service] = await Promise.all([
        coverageAreaRepository(on(1)).gaps(code, this.settings.minAreaM2, 'parents'),
        coverageGridsRepository(on(1)).householdTotals(code, reportWindow(this.settings, asOf)),
        coverageServiceRepository(on(0)).gaps(code, this.settings.serviceDistanceM, this.settings.serviceGapListMax),
      ])
      return { parentGaps, totals, service }
    })
  }

  /** One consistent, read-only snapshot per part, its queries spread over the readers. */
  private inSnapshot<T>(work: (on: (i: number) => Queryable, asOf: Date) => Promise<T>): Promise<Entry<T>> {
    return this.db.readSnapshot(REPORT_READERS, async (readers) => {
      const asOf = new Date()
      return { value: await work((i) => readers[i % readers.length], asOf), asOf }
    })
  }
}
