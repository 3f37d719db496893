import { AppError } from '../../errors'
import type { TimeInterval } from '../../domain/ogc-features'

export type { TimeInterval } from '../../domain/ogc-features'

// RFC 3339 date-time, or a full-date (a whole UTC day). GDAL 3.6 writes a date as "2026-11-01T"
// and may cut the time to hours or minutes ("2026-11-01T08Z"): read those as it means them.
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T|t)?$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?([Zz]|[+-](\d{2}):(\d{2}))$/

const DAY_MS = 86_400_000

interface Bound {
  /** What PostgreSQL is given. */
  sql: string
  /** The first instant of the bound, for ordering the two ends. */
  startMs: number
  /** For a date, the first instant after its day; for a date-time, its own instant. */
  endMs: number
  isDate: boolean
}

const invalid = (raw: string, why: string) =>
  new AppError(
    400,
    'invalid_datetime',
    `datetime must be an RFC 3339 date-time or date, or an interval of two ("start/end", ".." or empty for an open end): ${why}, got "${raw}"`,
  )

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function parseBound(text: string, raw: string): Bound {
  const date = DATE.exec(text)
  if (date) {
    const [year, month, day] = date.slice(1, 4).map(Number)
    if (!validDay(year, month, day)) throw invalid(raw, `no such day ${text}`)
    const startMs = Date.UTC(year, month - 1, day)
    return { sql: new Date(startMs).toISOString(), startMs, endMs: startMs + DAY_MS, isDate: true }
  }
  const time = DATE_TIME.exec(text)
  if (!time) throw invalid(raw, `"${text}" is not a date-time`)
  const [year, month, day, hour] = time.slice(1, 5).map(Number)
  const [minute, second] = [Number(time[5] ?? 0), Number(time[6] ?? 0)]
  const fraction = time[7] ?? ''
  const zone = time[8].toUpperCase()
  const [zoneHours, zoneMinutes] = [Number(time[9] ?? 0), Number(time[10] ?? 0)]
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59) {
    throw invalid(raw, `"${text}" is out of range`)
  }
  const pad = (n: number) => String(n).padStart(2, '0')
  const sql = `${time[1]}-${time[2]}-${time[3]}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${zone}`
  const ms = Date.parse(`${time[1]}-${time[2]}-${time[3]}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction.slice(0, 4)}${zone}`)
  return { sql, startMs: ms, endMs: ms, isDate: false }
}

const isOpen = (text: string) => text === '..' || text === ''

/**
 * Parses OGC API – Features `datetime` (Part 1, 7.15.4): an instant, or an interval "start/end"
 * whose open end is ".." or empty. Undefined when absent; a 400 `invalid_datetime` when malformed,
 * when both ends are open, or when the start is after the end.
 */
export function parseDatetime(raw: string | undefined): TimeInterval | undefined {
  if (raw === undefined) return undefined
  const parts = raw.split('/')
  if (parts.length > 2) throw invalid(raw, 'more than one "/"')
  if (parts.length === 1) {
    if (isOpen(raw)) throw invalid(raw, 'an instant cannot be open')
    const instant = parseBound(raw, raw)
    return instant.isDate
      ? { start: instant.sql, end: new Date(instant.endMs).toISOString(), endExclusive: true }
      : { start: instant.sql, end: instant.sql, endExclusive: false }
  }
  const [startText, endText] = parts
  if (isOpen(startText) && isOpen(endText)) throw invalid(raw, 'at least one end must be given')
  const start = isOpen(startText) ? undefined : parseBound(startText, raw)
  const end = isOpen(endText) ? undefined : parseBound(endText, raw)
  if (start && end && start.startMs > end.endMs) throw invalid(raw, 'the start is after the end')
  return {
    start: start?.sql,
    end: end ? (end.isDate ? new Date(end.endMs).toISOString() : end.sql) : undefined,
    endExclusive: end?.isDate ?? false,
  }
}
