import type { FastifyRequest } from 'fastify'

export const GEOJSON = 'application/geo+json'
export const JSON_TYPE = 'application/json'
export const OPENAPI_JSON = 'application/vnd.oai.openapi+json;version=3.0'
export const SCHEMA_JSON = 'application/schema+json'
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
/** The temporal reference system of `extent.temporal` (Part 1, 7.13): the Gregorian calendar. */
export const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables'

export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
]

export interface Link {
  href: string
  rel: string
  type?: string
  title?: string
}

/**
 * Absolute links, as the standard recommends: clients such as GDAL follow them as given. The host
 * is the one the client asked for, so links work behind whatever name reached the server.
 */
export function linkBuilder(request: FastifyRequest) {
  const root = `${request.protocol}://${request.host}`
  return (path: string, rel: string, type: string, title?: string, query: Record<string, string | number | undefined> = {}): Link => {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value))
    const search = params.toString()
    return { href: `${root}${path}${search ? `?${search}` : ''}`, rel, type, ...(title ? { title } : {}) }
  }
}

export type LinkTo = ReturnType<typeof linkBuilder>
