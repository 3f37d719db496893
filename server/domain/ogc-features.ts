// What OGC API – Features collections are, as the OGC service, its repository and its schemas
// share it: the collections' ids, a `datetime` filter once parsed, and a queryable property.

/** The collections' ids (server/services/ogc/collections.ts lists them with their titles and access). */
export type OgcCollectionId = 'regions' | 'grids' | 'service-points' | 'households' | 'incidents'

/**
 * A `datetime` filter as SQL bounds: `start` and `end` are RFC 3339 strings PostgreSQL reads as
 * timestamptz; `endExclusive` when the end is the day after a date (a date covers its whole day).
 */
export interface TimeInterval {
  start?: string
  end?: string
  endExclusive: boolean
}

/** A property a collection's items may be filtered on by equality, `?name=value` (Part 3). */
export interface Queryable {
  name: string
  title: string
  type: 'string' | 'integer'
  enum?: readonly string[]
  maxLength?: number
}
