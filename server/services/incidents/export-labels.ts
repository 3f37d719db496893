// The words of the CSV export in each language it is written in: column headers and the labels of
// the coded values. Typed by the vocabularies, so a new code without a label does not compile.
import type { EscalationLevel, IncidentCategory, IncidentPriority, IncidentSource, IncidentStatus, MediationBody } from '../../domain/vocabulary'

export const EXPORT_LANGS = ['zh-CN', 'en'] as const
export type ExportLang = (typeof EXPORT_LANGS)[number]

export interface ExportWords {
  category: Record<IncidentCategory, string>
  status: Record<IncidentStatus, string>
  source: Record<IncidentSource, string>
  priority: Record<IncidentPriority, string>
  escalationLevel: Record<EscalationLevel, string>
  mediationBody: Record<MediationBody, string>
  /** Column headers; `{zone}` in a time column's header is the time zone and its offset. */
  headers: Record<string, string>
}

const ZH: ExportWords = {
  category: {
    environment: '市容环境',
    facility: '设施管理',
    safety_hazard: '安全隐患',
    dispute: '矛盾纠纷',
    traffic: '交通秩序',
    illegal_construction: '违法建设',
    public_service: '公共服务',
    emergency: '应急事件',
  },
  status: { reported: '已上报', accepted: '已立案', rejected: '不予立案', dispatched: '已派遣', handled: '已处置', verified: '已核查', closed: '已结案' },
  source: { patrol: '网格员巡查', resident: '居民上报', hotline: '12345 热线', video: '视频监控', higher_level: '上级交办' },
  priority: { low: '低', normal: '一般', high: '高', urgent: '紧急' },
  escalationLevel: { grid: '网格', community: '社区', street: '街道', department: '职能部门' },
  mediationBody: { people: '人民调解', administrative: '行政调解', judicial: '司法调解' },
  headers: {
    id: '编号',
    externalId: '外部编号',
    category: '事件类别',
    categoryCode: '类别代码',
    source: '来源',
    sourceCode: '来源代码',
    priority: '优先级',
    priorityCode: '优先级代码',
    status: '状态',
    statusCode: '状态代码',
    description: '事件描述',
    gridName: '网格名称',
    gridCode: '网格编码',
    escalationLevel: '处置层级',
    mediationBody: '调解机构',
    assigneeName: '承办网格员',
    reportedAt: '上报时间（{zone}）',
    acceptedAt: '立案时间（{zone}）',
    dispatchedAt: '派遣时间（{zone}）',
    deadlineAt: '处置时限（{zone}）',
    handledAt: '处置时间（{zone}）',
    verifiedAt: '核查时间（{zone}）',
    closedAt: '结案时间（{zone}）',
    rejectedAt: '不予立案时间（{zone}）',
    lng: '经度（WGS84）',
    lat: '纬度（WGS84）',
  },
}

const EN: ExportWords = {
  category: {
    environment: 'City appearance',
    facility: 'Facilities',
    safety_hazard: 'Safety hazard',
    dispute: 'Dispute',
    traffic: 'Traffic',
    illegal_construction: 'Illegal construction',
    public_service: 'Public service',
    emergency: 'Emergency',
  },
  status: {
    reported: 'Reported',
    accepted: 'Accepted',
    rejected: 'Rejected',
    dispatched: 'Dispatched',
    handled: 'Handled',
    verified: 'Verified',
    closed: 'Closed',
  },
  source: {
    patrol: 'Grid worker patrol',
    resident: 'Resident report',
    hotline: '12345 hotline',
    video: 'Video surveillance',
    higher_level: 'Assigned from above',
  },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  escalationLevel: { grid: 'Grid', community: 'Community', street: 'Street', department: 'Department' },
  mediationBody: { people: "People's mediation", administrative: 'Administrative mediation', judicial: 'Judicial mediation' },
  headers: {
    id: 'ID',
    externalId: 'External ID',
    category: 'Category',
    categoryCode: 'Category code',
    source: 'Source',
    sourceCode: 'Source code',
    priority: 'Priority',
    priorityCode: 'Priority code',
    status: 'Status',
    statusCode: 'Status code',
    description: 'Description',
    gridName: 'Grid name',
    gridCode: 'Grid code',
    escalationLevel: 'Handling level',
    mediationBody: 'Mediation body',
    assigneeName: 'Grid worker',
    reportedAt: 'Reported at ({zone})',
    acceptedAt: 'Accepted at ({zone})',
    dispatchedAt: 'Dispatched at ({zone})',
    deadlineAt: 'Deadline ({zone})',
    handledAt: 'Handled at ({zone})',
    verifiedAt: 'Verified at ({zone})',
    closedAt: 'Closed at ({zone})',
    rejectedAt: 'Rejected at ({zone})',
    lng: 'Longitude (WGS84)',
    lat: 'Latitude (WGS84)',
  },
}

export const EXPORT_WORDS: Record<ExportLang, ExportWords> = { 'zh-CN': ZH, en: EN }

/**
 * The language of an export: the `lang` asked for, else English when the browser's first
 * Accept-Language is English, else Chinese (the county's own language).
 */
export function exportLang(lang: ExportLang | undefined, acceptLanguage: string | undefined): ExportLang {
  if (lang) return lang
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-CN'
}
