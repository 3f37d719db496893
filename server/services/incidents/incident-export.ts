// CSV of incidents for people: one header row in the reader's language, one row per incident,
// coded values as labels with the codes beside them, grid names beside their codes, times in the
// county's time zone with the offset written out, RFC 4180 quoting, WGS84 lng/lat columns.
// A UTF-8 BOM lets spreadsheet programs read the Chinese correctly.
import { EXPORT_WORDS, type ExportLang, type ExportWords } from './export-labels'

/** The county's time zone: every time in the export is its wall-clock time. */
export const COUNTY_TIME_ZONE = 'Asia/Shanghai'

const TIME_COLUMNS = ['reportedAt', 'acceptedAt', 'dispatchedAt', 'deadlineAt', 'handledAt', 'verifiedAt', 'closedAt', 'rejectedAt'] as const
type Coded = 'category' | 'source' | 'priority' | 'status'

/** The columns in order; each reads its cell from the incident's properties. */
const COLUMNS: { key: string; value: (p: Record<string, unknown>, words: ExportWords, gridNames: Map<string, string>) => unknown }[] = [
  { key: 'id', value: (p) => p.id },
  { key: 'externalId', value: (p) => p.externalId },
  ...(['category', 'source', 'priority', 'status'] as const).flatMap((c: Coded) => [
    { key: c, value: (p: Record<string, unknown>, w: ExportWords) => labelOf(w[c], p[c]) },
    { key: `${c}Code`, value: (p: Record<string, unknown>) => p[c] },
  ]),
  { key: 'description', value: (p) => p.description },
  { key: 'gridName', value: (p, _w, names) => (typeof p.gridCode === 'string' ? names.get(p.gridCode) : null) },
  { key: 'gridCode', value: (p) => p.gridCode },
  { key: 'escalationLevel', value: (p, w) => labelOf(w.escalationLevel, p.escalationLevel) },
  { key: 'mediationBody', value: (p, w) => labelOf(w.mediationBody, p.mediationBody) },
  { key: 'assigneeName', value: (p) => p.assigneeName },
  ...TIME_COLUMNS.map((c) => ({ key: c, value: (p: Record<string, unknown>) => countyTime(p[c]) })),
]

function labelOf(labels: Record<string, string>, code: unknown): unknown {
  return typeof code === 'string' ? (labels[code] ?? code) : code
}

const WALL_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: COUNTY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
})

/** An instant as the county's wall-clock time with its offset: 2026-03-04 08:15:00+08:00. */
export function countyTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(String(value))
  if (Number.isNaN(date.getTime())) return null
  const part = Object.fromEntries(WALL_CLOCK.formatToParts(date).map((p) => [p.type, p.value]))
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : part.timeZoneName.replace('GMT', '')
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}${offset}`
}

/** The time zone as a time column's header states it: Asia/Shanghai UTC+08:00. */
function zoneNote(): string {
  return `${COUNTY_TIME_ZONE} UTC${countyTime(new Date())?.slice(-6)}`
}

// A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...) from a
// resident's description would become a live link). OWASP's advice: prefix such text with a quote
// and quote the cell. Only text: numbers (a negative longitude) are what they say.
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' && FORMULA_START.test(value)) return quoted(`'${value}`)
  const text = value instanceof Date ? value.toISOString() : String(value)
  return /[",\r\n]/.test(text) ? quoted(text) : text
}

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`

export function incidentsCsv(
  features: { geometry: unknown; properties: Record<string, unknown> }[],
  lang: ExportLang = 'zh-CN',
  gridNames: Map<string, string> = new Map(),
): string {
  const words = EXPORT_WORDS[lang]
  const zone = zoneNote()
  const header = [...COLUMNS.map((c) => c.key), 'lng', 'lat'].map((k) => csvCell(words.headers[k].replace('{zone}', zone)))
  const lines = [header.join(',')]
  for (const f of features) {
    const [lng, lat] = (f.geometry as { coordinates: [number, number] }).coordinates
    lines.push([...COLUMNS.map((c) => csvCell(c.value(f.properties, words, gridNames))), csvCell(lng), csvCell(lat)].join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
