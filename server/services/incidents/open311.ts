// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): services are our incident
// categories, requests are incidents, statuses collapse to open|closed, coordinates are WGS84.
import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../domain/vocabulary'
import { CLOSED_STATUSES, type ServiceRequestRow } from '../../repositories/open311.repository'

export class Open311Error extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message)
    this.name = 'Open311Error'
  }
}

const SERVICES: Record<IncidentCategory, { name: string; group: string; keywords: string; agency: string; description: string }> = {
  environment: { name: '市容环境', group: '城市管理', keywords: '垃圾,卫生,环境', agency: '环卫所', description: '垃圾堆放、道路不洁、污水外溢等市容环境问题' },
  facility: { name: '设施管理', group: '城市管理', keywords: '路灯,井盖,设施', agency: '市政设施管理所', description: '路灯、井盖、护栏等公共设施损坏' },
  safety_hazard: {
    name: '安全隐患',
    group: '平安建设',
    keywords: '隐患,消防,安全',
    agency: '安全生产监管办',
    description: '消防通道堵塞、危房、用电等安全隐患',
  },
  dispute: { name: '矛盾纠纷', group: '平安建设', keywords: '纠纷,调解', agency: '司法所', description: '邻里、物业、劳资等矛盾纠纷，多调对接' },
  traffic: { name: '交通秩序', group: '城市管理', keywords: '停车,交通', agency: '交警中队', description: '乱停车、占道、交通秩序问题' },
  illegal_construction: { name: '违法建设', group: '城市管理', keywords: '违建,搭建', agency: '城管中队', description: '私搭乱建、违法建设' },
  public_service: { name: '公共服务', group: '便民服务', keywords: '便民,服务', agency: '便民服务中心', description: '便民服务诉求' },
  emergency: { name: '应急事件', group: '应急联动', keywords: '应急,突发', agency: '应急管理站', description: '突发事件，联动所在网格及相邻网格' },
}

export function services() {
  return INCIDENT_CATEGORIES.map((code) => ({
    service_code: code,
    service_name: SERVICES[code].name,
    description: SERVICES[code].description,
    metadata: false,
    type: 'realtime' as const,
    keywords: SERVICES[code].keywords,
    group: SERVICES[code].group,
  }))
}

const STATUS_NOTES: Record<string, string> = {
  reported: '已上报',
  accepted: '已立案',
  rejected: '不予立案',
  dispatched: '已派遣',
  handled: '已处置',
  verified: '已核查',
  closed: '已结案',
}

export const open311Status = (status: string): 'open' | 'closed' => (CLOSED_STATUSES.includes(status) ? 'closed' : 'open')

export function serviceRequest(row: ServiceRequestRow) {
  const category = row.category as IncidentCategory
  return {
    service_request_id: String(row.id),
    status: open311Status(row.status),
    status_notes: STATUS_NOTES[row.status] ?? null,
    service_name: SERVICES[category].name,
    service_code: category,
    description: row.description,
    agency_responsible: SERVICES[category].agency,
    service_notice: null,
    requested_datetime: row.reportedAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.deadlineAt ? row.deadlineAt.toISOString() : null,
    // What the client app sent (personal: open311-public.ts blanks them for anonymous callers).
    address: row.address,
    address_id: row.addressId,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: row.mediaUrl,
  }
}

function date(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined
  const value = new Date(raw)
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(value.getTime())) throw new Open311Error(400, `${name}: "${raw}" is not a W3C date-time`)
  return value
}

function csv(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  return [
    ...new Set(
      raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ]
}

export const DEFAULT_DAYS = 90

/**
 * The standard GET filters; without dates the last 90 days (as the spec suggests). A list of
 * service_request_id "overrides all other arguments" (the spec): the others are then not read at all.
 */
export function parseRequestsQuery(
  query: { service_request_id?: string; service_code?: string; start_date?: string; end_date?: string; status?: string },
  now: Date,
) {
  const ids = csv(query.service_request_id)
  if (ids?.some((id) => !/^[0-9]{1,12}$/.test(id)))
    throw new Open311Error(400, `service_request_id: "${query.service_request_id}" is not a list of request ids`)
  if (ids) return { ids: ids.map(Number), from: new Date(0) }
  const categories = csv(query.service_code)
  const unknown = categories?.filter((c) => !(INCIDENT_CATEGORIES as readonly string[]).includes(c))
  if (unknown?.length) throw new Open311Error(400, `service_code: unknown ${unknown.join(', ')}`)
  const statuses = csv(query.status)
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, `status: "${query.status}" must be open, closed or both`)
  const end = date('end_date', query.end_date)
  const start = date('start_date', query.start_date) ?? new Date((end ?? now).getTime() - DEFAULT_DAYS * 86_400_000)
  if (end && start >= end) throw new Open311Error(400, 'start_date must be before end_date')
  return {
    categories,
    statuses: statuses as ('open' | 'closed')[] | undefined,
    from: start,
    to: end,
  }
}

// A POST's address_string is kept at the end of the description too, for the dispatcher who reads
// the incident (incidents have no address column); the public view cuts it off again: everything
// from the first note on, as the address may hold brackets of its own and a resident may have typed
// a note like it.
export const ADDRESS_NOTE = '（地址：'

export function withoutAddressNote(description: string): string {
  const at = description.indexOf(ADDRESS_NOTE)
  return at < 0 ? description : description.slice(0, at).trimEnd()
}

export const serviceName = (code: IncidentCategory) => SERVICES[code].name

/**
 * A service definition (services/{code}.json): our categories ask for nothing beyond the spec's
 * own fields, so every one has an empty attribute list and `metadata: false` in the service list.
 */
export function serviceDefinition(code: string) {
  if (!(INCIDENT_CATEGORIES as readonly string[]).includes(code)) throw new Open311Error(404, `service_code: unknown ${code}`)
  return { service_code: code, attributes: [] as never[] }
}
