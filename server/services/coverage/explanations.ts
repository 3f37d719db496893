import type { ServiceCategory } from '../../domain/vocabulary'
import type { Explanation } from './blind-spot-kinds'

/** One-line explanations of each blind spot, in Chinese and English, with its numbers. */

const m2 = (area: number) => `${Math.round(area).toLocaleString('en-US')}`
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`

export const SERVICE_NAMES: Record<ServiceCategory, Explanation> = {
  safety: { 'zh-CN': '平安建设', en: 'safety' },
  volunteer: { 'zh-CN': '志愿服务', en: 'volunteering' },
  education: { 'zh-CN': '教育培训', en: 'education' },
  convenience: { 'zh-CN': '便民服务', en: 'convenience' },
  culture: { 'zh-CN': '文化活动', en: 'culture' },
  health: { 'zh-CN': '医疗卫生', en: 'health' },
  elderly_care: { 'zh-CN': '居家养老', en: 'elderly care' },
  emergency: { 'zh-CN': '应急联动', en: 'emergency' },
}

export const explain = {
  gap: (area: number, households: number, community: string | null): Explanation => ({
    'zh-CN': `${community ? `社区 ${community} 内` : '辖区内社区之外'}有 ${m2(area)} 平方米未划入任何网格${households ? `，涉及 ${households} 户` : ''}`,
    en: `${m2(area)} m² ${community ? `of community ${community}` : 'of the region outside every community'} lies in no grid${households ? `, with ${households} households` : ''}`,
  }),
  overlap: (area: number, a: string, b: string, households: number): Explanation => ({
    'zh-CN': `网格 ${a} 与 ${b} 重叠 ${m2(area)} 平方米${households ? `，${households} 户被重复管理` : ''}`,
    en: `grids ${a} and ${b} overlap by ${m2(area)} m²${households ? `; ${households} households are claimed twice` : ''}`,
  }),
  householdOutside: (count: number): Explanation => ({
    'zh-CN': `${count} 户不在任何网格内（管理盲区）`,
    en: `${count} households are in no grid`,
  }),
  householdMulti: (count: number, a: string, b: string): Explanation => ({
    'zh-CN': `${count} 户同时位于网格 ${a} 和 ${b} 内`,
    en: `${count} households lie inside both grids ${a} and ${b}`,
  }),
  unstaffed: (grid: string, households: number): Explanation => ({
    'zh-CN': `网格 ${grid} 没有配备网格员，${households} 户无人负责`,
    en: `grid ${grid} has no grid worker; ${households} households have nobody responsible`,
  }),
  noPartyMember: (grid: string): Explanation => ({
    'zh-CN': `网格 ${grid} 没有党员（党建真空）`,
    en: `grid ${grid} has no party member`,
  }),
  oversized: (grid: string, households: number, population: number, max: number, populationMax: number): Explanation => ({
    'zh-CN': `网格 ${grid} 有 ${households} 户、${population} 人，超过 ${max} 户 / ${populationMax} 人的规模标准`,
    en: `grid ${grid} has ${households} households and ${population} people, over the norm of ${max} households / ${populationMax} people`,
  }),
  undersized: (grid: string, households: number, min: number): Explanation => ({
    'zh-CN': `网格 ${grid} 仅有 ${households} 户，低于 ${min} 户的规模标准`,
    en: `grid ${grid} has only ${households} households, under the norm of ${min}`,
  }),
  serviceGap: (category: ServiceCategory, distance: number, households: number): Explanation => ({
    'zh-CN': `${households} 户在 ${distance} 米（直线）内没有${SERVICE_NAMES[category]['zh-CN']}服务点`,
    en: `${households} households have no ${SERVICE_NAMES[category].en} point within ${distance} m (straight line)`,
  }),
  unpatrolled: (grid: string, days: number | null, threshold: number): Explanation => ({
    'zh-CN': days === null ? `网格 ${grid} 没有巡查记录` : `网格 ${grid} 已 ${days} 天未巡查（标准 ${threshold} 天）`,
    en: days === null ? `grid ${grid} has never been patrolled` : `grid ${grid} not patrolled for ${days} days (norm: ${threshold})`,
  }),
  overdue: (grid: string, count: number): Explanation => ({
    'zh-CN': `网格 ${grid} 有 ${count} 件事件超期未结案`,
    en: `grid ${grid} has ${count} overdue open incidents`,
  }),
  lowOnTimeRate: (grid: string, rate: number, due: number, threshold: number): Explanation => ({
    'zh-CN': `网格 ${grid} 按期结案率 ${pct(rate)}（${due} 件到期），低于 ${pct(threshold)}`,
    en: `grid ${grid} closed ${pct(rate)} of ${due} due incidents on time, under ${pct(threshold)}`,
  }),
  outsideCommunity: (grid: string, area: number, community: string): Explanation => ({
    'zh-CN': `网格 ${grid} 有 ${m2(area)} 平方米超出所属社区 ${community}`,
    en: `${m2(area)} m² of grid ${grid} lies outside its community ${community}`,
  }),
  emptyGrid: (grid: string): Explanation => ({
    'zh-CN': `综合网格 ${grid} 内没有住户`,
    en: `comprehensive grid ${grid} holds no households`,
  }),
  emptyRegion: (code: string, level: string): Explanation =>
    level === 'community'
      ? { 'zh-CN': `社区 ${code} 没有划分网格`, en: `community ${code} has no grids` }
      : { 'zh-CN': `${level === 'county' ? '县' : '街道'} ${code} 下没有下级区划`, en: `${level} ${code} has no regions under it` },
  overloadedWorker: (name: string, grids: number, max: number): Explanation => ({
    'zh-CN': `网格员 ${name} 同时负责 ${grids} 个网格（上限 ${max}）`,
    en: `grid worker ${name} covers ${grids} grids (limit ${max})`,
  }),
}
