/** The part of an OpenAPI document this module reads and writes. */
interface OpenApiDocument {
  openapi: string
  info?: Record<string, unknown>
  paths?: Record<string, unknown>
  [member: string]: unknown
}

export const OGC_ROOT = '/ogc'

/**
 * The OpenAPI definition of the OGC API alone, rooted at its landing page: the /ogc paths of the
 * whole API's document, relative to a `servers` entry that is the landing page. Clients resolve
 * paths against the landing page: GDAL looks up `/collections/{id}/items` for the parameters it
 * may send (queryables, limit), which a document with `/ogc/collections/...` paths never answers.
 */
export function ogcApiDefinition(whole: OpenApiDocument, landingPageUrl: string): OpenApiDocument & { paths: Record<string, unknown> } {
  const paths: Record<string, unknown> = {}
  for (const [path, operations] of Object.entries(whole.paths ?? {})) {
    if (path !== OGC_ROOT && !path.startsWith(`${OGC_ROOT}/`)) continue
    paths[path.slice(OGC_ROOT.length) || '/'] = operations
  }
  return {
    ...whole,
    info: {
      ...whole.info,
      title: 'Wangge (网格) OGC API – Features',
      description: 'Regions, grids, service points, households and incidents as OGC API – Features collections',
    },
    servers: [{ url: landingPageUrl, description: 'The landing page of this OGC API' }],
    paths,
  }
}
