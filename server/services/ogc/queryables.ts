import {
  GRID_TYPES,
  INCIDENT_CATEGORIES,
  INCIDENT_PRIORITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  REGION_LEVELS,
  SERVICE_CATEGORIES,
} from '../../domain/vocabulary'
import type { OgcCollectionId, Queryable } from '../../domain/ogc-features'

export type { Queryable } from '../../domain/ogc-features'

const GRID_CODE: Queryable = { name: 'gridCode', title: 'Grid code (网格编码)', type: 'string', maxLength: 30 }
const GRID_ID: Queryable = { name: 'gridId', title: 'Grid id', type: 'integer' }

/**
 * The queryables of each collection: properties every reader of the collection sees. Household
 * details (address, care flags) are masked for most readers, so they are not offered: filtering on
 * them would tell what the mask hides.
 */
export const QUERYABLES: Record<OgcCollectionId, readonly Queryable[]> = {
  regions: [
    { name: 'level', title: 'Level (county, street, community)', type: 'string', enum: REGION_LEVELS },
    { name: 'parentCode', title: 'Code of the parent region', type: 'string', maxLength: 12 },
  ],
  grids: [
    { name: 'type', title: 'Grid type', type: 'string', enum: GRID_TYPES },
    { name: 'communityCode', title: 'Code of the community the grid lies in', type: 'string', maxLength: 12 },
  ],
  'service-points': [{ name: 'category', title: 'Service category', type: 'string', enum: SERVICE_CATEGORIES }],
  households: [GRID_ID, GRID_CODE],
  incidents: [
    { name: 'category', title: 'Incident category', type: 'string', enum: INCIDENT_CATEGORIES },
    { name: 'status', title: 'Lifecycle status', type: 'string', enum: INCIDENT_STATUSES },
    { name: 'source', title: 'How it was reported', type: 'string', enum: INCIDENT_SOURCES },
    { name: 'priority', title: 'Priority', type: 'string', enum: INCIDENT_PRIORITIES },
    GRID_ID,
    GRID_CODE,
  ],
}

/** The one temporal property of a collection that has one: what `datetime` selects on. */
export const TEMPORAL_PROPERTY: Partial<Record<OgcCollectionId, string>> = { incidents: 'reportedAt' }

/** The queryables' values present in a request's query, by name. */
export function equalityFilters(id: OgcCollectionId, query: Record<string, unknown>): Record<string, string | number> {
  const filters: Record<string, string | number> = {}
  for (const { name } of QUERYABLES[id]) {
    const value = query[name]
    if (typeof value === 'string' || typeof value === 'number') filters[name] = value
  }
  return filters
}

/** The queryables resource (Part 3, JSON Schema 2020-12): only these, so additionalProperties is false. */
export function queryablesSchema(id: OgcCollectionId, title: string, selfHref: string) {
  const properties: Record<string, Record<string, unknown>> = {}
  for (const { name, title: propertyTitle, type, enum: values, maxLength } of QUERYABLES[id]) {
    properties[name] = { title: propertyTitle, type, ...(values ? { enum: [...values] } : {}), ...(maxLength ? { maxLength } : {}) }
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: selfHref,
    type: 'object' as const,
    title,
    properties,
    additionalProperties: false,
  }
}
