import { describe, expect, it } from 'vitest'
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from '../../../server/domain/vocabulary'
import { incidentConditions } from '../../../server/repositories/incidents.repository'
import { parseIncidentFilter } from '../../../server/services/incident-filter'

const conditions = (query: Record<string, string>, indexOnly = false) => incidentConditions(parseIncidentFilter(query), { indexOnly })

describe('incidentConditions', () => {
  it('takes a bbox as the closed box of the stored Mercator columns, with && beside it for the GiST index', () => {
    const where = conditions({ bbox: '120.2,33.7,120.4,33.8' })
    expect(where.where()).toBe(
      'WHERE (i.merc_x BETWEEN 6378137.0 * radians($1::float8) AND 6378137.0 * radians($2::float8))' +
        ' AND (i.merc_y BETWEEN 6378137.0 * ln(greatest(tan(pi() / 4 + radians($3::float8) / 2), 1e-300)) AND 6378137.0 * ln(greatest(tan(pi() / 4 + radians($4::float8) / 2), 1e-300)))' +
        ' AND (i.geom && ST_MakeEnvelope($5, $6, $7, $8, 4326))',
    )
    expect(where.params).toEqual([120.2, 120.4, 33.7, 33.8, 120.2, 33.7, 120.4, 33.8])
  })

  it('for the bins, leaves out everything an index-only scan cannot answer from the aggregation indexes', () => {
    const where = conditions({ bbox: '120.2,33.7,120.4,33.8', from: '2026-06-01' }, true)
    expect(where.where()).not.toMatch(/geom/)
    expect(where.params).toEqual([new Date('2026-06-01T00:00:00Z'), 120.2, 120.4, 33.7, 33.8])
  })

  it('for the bins, names every value of the facets not filtered once any facet is, and none otherwise', () => {
    expect(conditions({ from: '2026-06-01' }, true).params).toEqual([new Date('2026-06-01T00:00:00Z')])
    const where = conditions({ source: 'hotline', priority: 'high,urgent' }, true)
    expect(where.where()).toBe(
      'WHERE (i.category = ANY($1::text[])) AND (i.status = ANY($2::text[])) AND (i.source = ANY($3::text[])) AND (i.priority = ANY($4::text[]))',
    )
    expect(where.params).toEqual([INCIDENT_CATEGORIES, INCIDENT_STATUSES, ['hotline'], ['high', 'urgent']])
    expect(conditions({ status: 'closed' }, true).params).toEqual([INCIDENT_CATEGORIES, ['closed'], INCIDENT_SOURCES, INCIDENT_PRIORITIES])
    expect(conditions({ status: 'closed' }).params).toEqual([['closed']])
  })
})
