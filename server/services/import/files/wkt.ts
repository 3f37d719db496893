/**
 * A reader of the WKT that describes a coordinate reference system (a Shapefile's .prj, a
 * GeoPackage's gpkg_spatial_ref_sys.definition): WKT1 (OGC and Esri) and WKT2 share one grammar,
 * KEYWORD[arg, ...] with quoted strings, numbers, bare enumerations and nested nodes.
 */
export interface WktNode {
  keyword: string
  args: WktValue[]
}
export type WktValue = WktNode | string | number

export class WktError extends Error {}

const MAX_DEPTH = 32

export function parseWkt(text: string): WktNode {
  let at = 0
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++
  }
  const fail = (what: string): never => {
    throw new WktError(`${what} at character ${at}`)
  }

  function node(depth: number): WktNode {
    if (depth > MAX_DEPTH) fail('WKT nested too deep')
    skipSpace()
    const keyword = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at, at + 64))?.[0] ?? fail('expected a WKT keyword')
    at += keyword.length
    skipSpace()
    const open = text[at]
    if (open !== '[' && open !== '(') return { keyword: keyword.toUpperCase(), args: [] }
    const close = open === '[' ? ']' : ')'
    at++
    const args: WktValue[] = []
    skipSpace()
    if (text[at] === close) {
      at++
      return { keyword: keyword.toUpperCase(), args }
    }
    for (;;) {
      args.push(value(depth))
      skipSpace()
      if (text[at] === ',') at++
      else if (text[at] === close) {
        at++
        return { keyword: keyword.toUpperCase(), args }
      } else fail(`expected "," or "${close}"`)
    }
  }

  function value(depth: number): WktValue {
    skipSpace()
    if (text[at] === '"') {
      // A quote inside a string is written twice.
      let result = ''
      at++
      for (;;) {
        if (at >= text.length) fail('unterminated string')
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            result += '"'
            at += 2
            continue
          }
          at++
          return result
        }
        result += text[at++]
      }
    }
    const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(at, at + 64))?.[0]
    if (number) {
      at += number.length
      return Number(number)
    }
    return node(depth + 1)
  }

  const root = node(0)
  skipSpace()
  if (at < text.length) fail('unexpected text after the WKT')
  return root
}

/** The node's first child with one of these keywords (not searched deeper). */
export function child(node: WktNode, ...keywords: string[]): WktNode | undefined {
  return node.args.find((arg): arg is WktNode => typeof arg === 'object' && keywords.includes(arg.keyword))
}

export function children(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter((arg): arg is WktNode => typeof arg === 'object' && keywords.includes(arg.keyword))
}

/** The node's name: its first argument when that is a string. */
export function nameOf(node: WktNode | undefined): string | undefined {
  const first = node?.args[0]
  return typeof first === 'string' ? first : undefined
}
