/**
 * The request headers a tile's answer depends on, read as RFC 9110 says: If-None-Match (§13.1.2)
 * and Accept-Encoding (§12.5.3).
 */

/** The opaque part of an entity tag: `W/"abc"` and `"abc"` both give `"abc"`. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/**
 * Whether If-None-Match names the tile: `*`, or a list of entity tags one of which is, by the weak
 * comparison (W/ ignored on either side), one of `etags` (the tile's, in each encoding we send).
 */
export function noneMatchHits(header: string | string[] | undefined, etags: string[]): boolean {
  if (header === undefined) return false
  const value = Array.isArray(header) ? header.join(',') : header
  if (value.trim() === '*') return true
  const ours = new Set(etags.map(opaque))
  // Entity tags are quoted and may not hold `"` but may hold commas: read them one by one.
  for (const match of value.matchAll(/(?:W\/)?"[^"]*"/g)) if (ours.has(opaque(match[0]))) return true
  return false
}

/** Whether the client takes gzip: named (or `*`) with a q above 0, and not refused by a more specific entry. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false
  const value = Array.isArray(header) ? header.join(',') : header
  const weights = new Map<string, number>()
  for (const entry of value.split(',')) {
    const [coding, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase())
    if (!coding) continue
    const q = parameters.find((parameter) => parameter.startsWith('q='))
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0)
  }
  const weight = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*')
  return weight !== undefined && weight > 0
}
