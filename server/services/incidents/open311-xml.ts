// GeoReport v2's XML format (http://wiki.open311.org/GeoReport_v2): the same answers as the JSON
// one, each list under the root element the spec names (<services>, <service_requests>, <errors>,
// <service_definition>, <discovery>) and each member under its singular. Open311 client libraries
// read XML by element name, so null is an empty element, not a missing one.

export type Open311Format = 'json' | 'xml'

/** The spec's discovery example lists text/xml; clients send Accept: text/xml. */
export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8'

/** The element each member of a list is written as, by the list's own element name. */
const MEMBER: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
}

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, LF, CR; lone
// surrogates; U+FFFE/U+FFFF): dropped, as a resident's paste may hold them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are XML 1.0's allowed characters, tab and newlines among them
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c])
}

function element(name: string, value: unknown, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${name}/>`
  if (Array.isArray(value)) {
    const member = MEMBER[name]
    if (!member) throw new Error(`open311-xml: no member element for the list <${name}>`)
    if (!value.length) return `${indent}<${name}/>`
    return `${indent}<${name}>\n${value.map((item) => element(member, item, `${indent}  `)).join('\n')}\n${indent}</${name}>`
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>).map(([key, child]) => element(key, child, `${indent}  `))
    return children.length ? `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>` : `${indent}<${name}/>`
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`
}

/** A whole XML document: `root` is the list's (or object's) element, as the spec names it. */
export function open311Xml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}\n`
}

/** The format a URL asks for by its suffix (…/requests.xml?…), JSON when it names none we know. */
export function formatOfUrl(url: string): Open311Format {
  return url.split('?')[0].endsWith('.xml') ? 'xml' : 'json'
}
