import { AppError } from '../errors'
import {
  INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_SOURCES, INCIDENT_STATUSES,
  type IncidentCategory, type IncidentPriority, type IncidentSource, type IncidentStatus,
} from '../domain/vocabulary'
import type { Bbox } from '../schemas/common.schema'
import { parseBbox } from './bbox'

export interface IncidentFilter {
  from?: Date
  to?: Date
  categories?: IncidentCategory[]
  statuses?: IncidentStatus[]
  sources?: IncidentSource[]
  priorities?: IncidentPriority[]
  region?: string
  grid?: { id: number } | { code: string }
  bbox?: Bbox
  /** A drawn polygon's outer ring, closed (first position repeated last). */
  polygon?: [number, number][]
  /** Only incidents still being handled past their deadline (true), or none of those (false). */
  overdue?: boolean
}

export interface IncidentFilterQuery {
  from?: string
  to?: string
  category?: string
  status?: string
  source?: string
  priority?: string
  region?: string
  grid?: string
  bbox?: string
  polygon?: string
  overdue?: string
}

export const POLYGON_MAX_VERTICES = 500

const invalid = (parameter: string, message: string) =>
  new AppError(400, 'invalid_filter', `${parameter}: ${message}`, { parameter })

/** A comma-separated list whose every value must be one of `allowed`. */
function list<T extends string>(parameter: string, raw: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (raw === undefined || raw === '') return undefined
  const values = [...new Set(raw.split(',').map((value) => value.trim()))]
  const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value))
  if (unknown.length) throw invalid(parameter, `unknown value(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`)
  return values as T[]
}

function instant(parameter: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined
  const date = new Date(raw)
  // ISO 8601 dates or date-times only: Date also accepts forms like "1 Jan" that nobody means.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) || Number.isNaN(date.getTime())) {
    throw invalid(parameter, `"${raw}" is not an ISO 8601 date or date-time`)
  }
  const year = date.getUTCFullYear()
  if (year < 1990 || year > 2200) throw invalid(parameter, `${raw} is outside 1990–2200`)
  return date
}

/**
 * "lng,lat,lng,lat,…" (at least three distinct corners; the ring is closed here when it is not).
 * Self-intersection is left to ST_IsValid in the database (see polygonProblem).
 */
function polygon(raw: string | undefined): [number, number][] | undefined {
  if (raw === undefined || raw === '') return undefined
  const numbers = raw.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)))
  if (numbers.length % 2 !== 0 || !numbers.every(Number.isFinite)) {
    throw invalid('polygon', 'must be lng,lat pairs separated by commas')
  }
  const ring: [number, number][] = []
  for (let k = 0; k < numbers.length; k += 2) ring.push([numbers[k], numbers[k + 1]])
  if (ring.some(([lng, lat]) => lng < -180 || lng > 180 || lat < -90 || lat > 90)) {
    throw invalid('polygon', 'a corner is outside the WGS84 range')
  }
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]])
  const distinct = new Set(ring.map(([lng, lat]) => `${lng},${lat}`)).size
  if (distinct < 3) throw invalid('polygon', 'needs at least three distinct corners')
  if (ring.length > POLYGON_MAX_VERTICES + 1) throw invalid('polygon', `has more than ${POLYGON_MAX_VERTICES} corners`)
  return ring
}

export function polygonWkt(ring: [number, number][]): string {
  return `POLYGON((${ring.map(([lng, lat]) => `${lng} ${lat}`).join(',')}))`
}

/** A region filter: a 6-, 9- or 12-digit region code, or none. (Whether it exists is known-region.ts's to say.) */
export function parseRegion(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  if (!/^[0-9]{6}([0-9]{3}){0,2}$/.test(raw)) throw invalid('region', `"${raw}" is not a 6-, 9- or 12-digit region code`)
  return raw
}

function flag(parameter: string, raw: string): boolean {
  if (raw === 'true') return true
  if (raw === 'false') return false
  throw invalid(parameter, `"${raw}" is neither true nor false`)
}

export function parseIncidentFilter(query: IncidentFilterQuery): IncidentFilter {
  const from = instant('from', query.from)
  const to = instant('to', query.to)
  if (from && to && from >= to) throw invalid('from', `from (${query.from}) must be before to (${query.to})`)
  let grid: IncidentFilter['grid']
  if (query.grid) {
    if (/^[0-9]{15}$/.test(query.grid)) grid = { code: query.grid }
    else if (/^[0-9]{1,12}$/.test(query.grid)) grid = { id: Number(query.grid) }
    else throw invalid('grid', `"${query.grid}" is neither a grid id nor a 15-digit grid code`)
  }
  return {
    from,
    to,
    categories: list('category', query.category, INCIDENT_CATEGORIES),
    statuses: list('status', query.status, INCIDENT_STATUSES),
    sources: list('source', query.source, INCIDENT_SOURCES),
    priorities: list('priority', query.priority, INCIDENT_PRIORITIES),
    region: parseRegion(query.region),
    grid,
    bbox: parseBbox(query.bbox),
    polygon: polygon(query.polygon),
    overdue: query.overdue === undefined ? undefined : flag('overdue', query.overdue),
  }
}
