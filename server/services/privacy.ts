import type { User } from '../repositories/users.repository'

/** 13812345678 → 138****5678: enough to tell numbers apart on a screen, not to call one. */
export function maskPhone(phone: string): string {
  const digits = phone.trim()
  if (digits.length <= 4) return '*'.repeat(digits.length)
  if (digits.length < 8) return `${digits.slice(0, 1)}${'*'.repeat(digits.length - 3)}${digits.slice(-2)}`
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays, the person does not. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1))
}

/** Grid workers' names and phones in full: admins, supervisors and dispatchers, who send them work (analysts, walls and the public see them masked). */
export const seesWorkers = (user: User | null): boolean => user?.role === 'admin' || user?.role === 'supervisor' || user?.role === 'dispatcher'

/** An incident as `user` may see it: the assignee's name masked (张*) for those who may not see workers. */
export function incidentSeenBy<F extends { properties: Record<string, unknown> }>(user: User | null, feature: F): F {
  const name = feature.properties.assigneeName
  return typeof name === 'string' && name && !seesWorkers(user) ? { ...feature, properties: { ...feature.properties, assigneeName: maskName(name) } } : feature
}

/**
 * Whether a household's details (address, population, care flags) are shown: to admins, and to
 * supervisors for households in their regions (by home grid code, or county for one outside every grid).
 */
export function seesHousehold(user: User | null, supervisorRegions: readonly string[], household: { gridCode: string | null; countyCode: string }): boolean {
  if (user?.role === 'admin') return true
  if (user?.role !== 'supervisor') return false
  const code = household.gridCode ?? household.countyCode
  return supervisorRegions.some((region) => code.startsWith(region))
}

/** A household's properties as someone who may not see its details gets them: the ids only. */
export function withoutHouseholdDetails<P extends { id: number; externalId: string; gridId: number | null; gridCode: string | null }>(properties: P) {
  const { id, externalId, gridId, gridCode } = properties
  return { id, externalId, gridId, gridCode }
}

interface SpotLike {
  properties: { kind: string; explanation: { 'zh-CN': string; en: string }; workerName?: unknown }
}

/** Blind spots as a viewer who may not see workers' names gets them (a new array; the cached report is shared). */
export function maskWorkerSpots<S extends SpotLike>(spots: S[]): S[] {
  return spots.map((spot) => {
    const name = spot.properties.workerName
    if (typeof name !== 'string' || !name) return spot
    const masked = maskName(name)
    const hide = (text: string) => text.split(name).join(masked)
    const explanation = { 'zh-CN': hide(spot.properties.explanation['zh-CN']), en: hide(spot.properties.explanation.en) }
    return { ...spot, properties: { ...spot.properties, workerName: masked, explanation } }
  })
}

// Digit runs are bounded by non-digits so that longer numbers (orders, asset tags) stay whole.
// ID numbers go first: an 18-character ID holds 11-digit runs that would read as a mobile.
const ID_CARD = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g
const MOBILE = /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g
const LANDLINE = /(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])/g
// The door, not the street: 幸福路8号2栋301室 → 幸福路*号*栋*室 (ASCII and full-width digits).
const DOOR_NUMBER = /[0-9０-９]+(?=号|栋|幢|单元|室)/g

/**
 * Personal data a resident may type into a description, taken out before it is published:
 * mainland mobiles, landlines with an area code, ID card numbers, house and room numbers. A
 * screen, not a guarantee: names and free-form addresses get through, so only residents' own
 * reports are ever published (services/incidents/open311-public.ts).
 */
export function redactContacts(text: string): string {
  return text.replace(ID_CARD, '[身份证号]').replace(MOBILE, '[手机号]').replace(LANDLINE, '[电话]').replace(DOOR_NUMBER, '*')
}
