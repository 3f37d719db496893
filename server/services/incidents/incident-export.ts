// CSV of incidents: one header row, one row per incident, RFC 4180 quoting, WGS84 lng/lat columns.
// A UTF-8 BOM lets spreadsheet programs read the Chinese descriptions correctly.

export const CSV_COLUMNS = [
  'id',
  'externalId',
  'category',
  'source',
  'priority',
  'status',
  'description',
  'gridCode',
  'escalationLevel',
  'mediationBody',
  'assigneeName',
  'reportedAt',
  'acceptedAt',
  'dispatchedAt',
  'deadlineAt',
  'handledAt',
  'verifiedAt',
  'closedAt',
  'rejectedAt',
] as const

// A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...) from a
// resident's description would become a live link). OWASP's advice: prefix such text with a quote
// and quote the cell. Only text: numbers (a negative longitude) are what they say.
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' && FORMULA_START.test(value)) return quoted(`'${value}`)
  const text = value instanceof Date ? value.toISOString() : String(value)
  return /[",\r\n]/.test(text) ? quoted(text) : text
}

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`

export function incidentsCsv(features: { geometry: unknown; properties: Record<string, unknown> }[]): string {
  const lines = [[...CSV_COLUMNS, 'lng', 'lat'].join(',')]
  for (const f of features) {
    const [lng, lat] = (f.geometry as { coordinates: [number, number] }).coordinates
    lines.push([...CSV_COLUMNS.map((c) => cell(f.properties[c])), cell(lng), cell(lat)].join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
