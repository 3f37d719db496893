import type { Link, LinkTo } from './links'
import { GEOJSON, JSON_TYPE } from './links'

export interface PageRequest {
  bbox?: string
  limit: number
  offset: number
}

/**
 * An items page's links: self and its plain-JSON alternate, and next/prev by offset, each keeping
 * the bbox and limit so that following next until it is gone visits every match exactly once.
 */
export function pageLinks(linkTo: LinkTo, path: string, page: PageRequest, numberMatched: number): Link[] {
  const query = (offset: number) => ({ bbox: page.bbox, limit: page.limit, offset: offset || undefined })
  const links = [
    linkTo(path, 'self', GEOJSON, 'this page', query(page.offset)),
    linkTo(path, 'alternate', JSON_TYPE, 'this page as plain JSON', { ...query(page.offset), f: 'json' }),
  ]
  if (page.offset + page.limit < numberMatched) links.push(linkTo(path, 'next', GEOJSON, 'next page', query(page.offset + page.limit)))
  if (page.offset > 0) links.push(linkTo(path, 'prev', GEOJSON, 'previous page', query(Math.max(page.offset - page.limit, 0))))
  return links
}
