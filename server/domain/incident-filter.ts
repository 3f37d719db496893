// What an incident query selects, once its parameters are parsed (server/services/incident-filter.ts
// parses them; the repositories turn it into SQL). Shared here so repositories need no service.
import type { IncidentCategory, IncidentPriority, IncidentSource, IncidentStatus } from './vocabulary'

export interface IncidentFilter {
  from?: Date
  to?: Date
  categories?: IncidentCategory[]
  statuses?: IncidentStatus[]
  sources?: IncidentSource[]
  priorities?: IncidentPriority[]
  region?: string
  grid?: { id: number } | { code: string }
  /** minLng, minLat, maxLng, maxLat (WGS84). */
  bbox?: [number, number, number, number]
  /** A drawn polygon's outer ring, closed (first position repeated last). */
  polygon?: [number, number][]
  /** Only incidents still being handled past their deadline (true), or none of those (false). */
  overdue?: boolean
}

export function polygonWkt(ring: [number, number][]): string {
  return `POLYGON((${ring.map(([lng, lat]) => `${lng} ${lat}`).join(',')}))`
}
