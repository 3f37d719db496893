import type { FastifyError } from 'fastify'
import type { IncidentFilter } from '../domain/incident-filter'
import { REGION_CODE_TEXT, isRegionCode } from '../domain/region-code'
import { AppError } from '../errors'
import { FILTER_VOCABULARIES, type IncidentFilterQueryString } from '../schemas/incidents.schema'
import { invalidBbox, parseBbox } from './bbox'

export { polygonWkt, type IncidentFilter } from '../domain/incident-filter'

/** The filter as the query string carries it, already checked against its schema's patterns and vocabularies. */
export type IncidentFilterQuery = IncidentFilterQueryString

export const POLYGON_MAX_VERTICES = 500

const invalid = (parameter: string, message: string) => new AppError(400, 'invalid_filter', `${parameter}: ${message}`, { parameter })

/** The values of a comma-separated list, each once; blanks around a value do not count. */
const valuesOf = (raw: string) => [...new Set(raw.split(',').map((value) => value.trim()))]

/** A list the schema has checked against its vocabulary (FILTER_VOCABULARIES). */
function list<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (raw === undefined || raw === '') return undefined
  return valuesOf(raw).filter((value): value is T => (allowed as readonly string[]).includes(value))
}

/** An instant the schema has checked is ISO 8601 in form; whether it is a real day of 1990–2200 is said here. */
function instant(parameter: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined
  const date = new Date(raw)
  if (Number.isNaN(date.getTime())) throw notAnInstant(parameter, raw)
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

/**
 * A region filter: a region code, or none. Tiles pass on an empty one, which their schema lets
 * through for the other layers. (Whether it exists is known-region.ts's to say.)
 */
export function parseRegion(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  if (!isRegionCode(raw)) throw notARegionCode(raw)
  return raw
}

export function parseIncidentFilter(query: IncidentFilterQuery): IncidentFilter {
  const from = instant('from', query.from)
  const to = instant('to', query.to)
  if (from && to && from >= to) throw invalid('from', `from (${query.from}) must be before to (${query.to})`)
  let grid: IncidentFilter['grid']
  if (query.grid) grid = query.grid.length === GRID_CODE_LENGTH ? { code: query.grid } : { id: Number(query.grid) }
  return {
    from,
    to,
    categories: list(query.category, FILTER_VOCABULARIES.category),
    statuses: list(query.status, FILTER_VOCABULARIES.status),
    sources: list(query.source, FILTER_VOCABULARIES.source),
    priorities: list(query.priority, FILTER_VOCABULARIES.priority),
    region: parseRegion(query.region),
    grid,
    bbox: parseBbox(query.bbox),
    polygon: polygon(query.polygon),
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
  }
}

const GRID_CODE_LENGTH = 15

const notAnInstant = (parameter: string, raw: string) => invalid(parameter, `"${raw}" is not an ISO 8601 date or date-time`)
const notARegionCode = (raw: string) => invalid('region', `"${raw}" is not ${REGION_CODE_TEXT}`)

/**
 * What each filter answers when its schema refuses its form: the filters' own codes and messages
 * (invalid_filter naming the parameter, invalid_bbox), not the generic invalid_request, as they
 * answered when they were parsed by hand. In the order the filter is read, for the first one wrong.
 */
const REFUSALS: Record<string, (raw: string) => AppError> = {
  from: (raw) => notAnInstant('from', raw),
  to: (raw) => notAnInstant('to', raw),
  grid: (raw) => invalid('grid', `"${raw}" is neither a grid id nor a ${GRID_CODE_LENGTH}-digit grid code`),
  ...Object.fromEntries(
    Object.entries(FILTER_VOCABULARIES).map(([parameter, allowed]) => [
      parameter,
      (raw: string) => {
        const unknown = valuesOf(raw).filter((value) => !(allowed as readonly string[]).includes(value))
        return invalid(parameter, `unknown value(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`)
      },
    ]),
  ),
  region: notARegionCode,
  bbox: invalidBbox,
}

interface SchemaIssue {
  instancePath: string
  keyword: string
}

/**
 * The filter's own error for a query string its schema refused, when every problem is the form of
 * a filter (a pattern); undefined otherwise, and the refusal stays the schema's invalid_request.
 */
export function filterRefusal(query: unknown, issues: readonly SchemaIssue[]): AppError | undefined {
  const wrong = new Set(issues.map((issue) => (issue.keyword === 'pattern' ? issue.instancePath.slice(1) : '')))
  if (![...wrong].every((parameter) => Object.hasOwn(REFUSALS, parameter))) return undefined
  const parameter = Object.keys(REFUSALS).find((name) => wrong.has(name))
  const raw = parameter && typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[parameter] : undefined
  return parameter && typeof raw === 'string' ? REFUSALS[parameter](raw) : undefined
}

/** A route's error handler (`errorHandler` in its options) for routes whose query string carries the incident filter. */
export function incidentFilterErrors(error: FastifyError, request: { query: unknown }): never {
  if (error.validation && error.validationContext === 'querystring') {
    const refusal = filterRefusal(request.query, error.validation)
    if (refusal) throw refusal
  }
  throw error
}
