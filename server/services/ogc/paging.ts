import type { Link, LinkTo } from './links'
import { GEOJSON, JSON_TYPE } from './links'

export interface PageRequest {
  /** What selects the features (bbox, datetime, queryables), as the client sent it. */
  filters: Record<string, string | number | undefined>
  limit: number
  offset: number
  /** `json` when the page was asked for as plain JSON. */
  f?: string
}

/**
 * An items page's links: self (in the format asked for) and its alternate in the other, and
 * next/prev by offset, each keeping the filters and limit so that following next until it is gone
 * visits every match exactly once.
 */
export function pageLinks(linkTo: LinkTo, path: string, page: PageRequest, numberMatched: number): Link[] {
  const query = (offset: number) => ({ ...page.filters, limit: page.limit, offset: offset || undefined })
  const asGeoJson = linkTo(
    path,
    page.f === 'json' ? 'alternate' : 'self',
    GEOJSON,
    page.f === 'json' ? 'this page as GeoJSON' : 'this page',
    query(page.offset),
  )
  const asJson = linkTo(path, page.f === 'json' ? 'self' : 'alternate', JSON_TYPE, page.f === 'json' ? 'this page' : 'this page as plain JSON', {
    ...query(page.offset),
    f: 'json',
  })
  const links = page.f === 'json' ? [asJson, asGeoJson] : [asGeoJson, asJson]
  if (page.offset + page.limit < numberMatched) links.push(linkTo(path, 'next', GEOJSON, 'next page', query(page.offset + page.limit)))
  if (page.offset > 0) links.push(linkTo(path, 'prev', GEOJSON, 'previous page', query(Math.max(page.offset - page.limit, 0))))
  return links
}
