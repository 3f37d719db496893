/** Every kind of blind spot the coverage engine reports (DESIGN.md lists the first eleven). */
export const BLIND_SPOT_KINDS = [
  'gap',
  'overlap',
  'household_outside',
  'household_multi',
  'grid_unstaffed',
  'grid_no_party_member',
  'grid_oversized',
  'grid_undersized',
  'service_gap',
  'grid_unpatrolled',
  'grid_overdue',
  'grid_outside_community',
  'grid_empty',
  'region_empty',
  'worker_overloaded',
  'grid_low_on_time_rate',
] as const

export type BlindSpotKind = (typeof BLIND_SPOT_KINDS)[number]
export type Severity = 'high' | 'medium' | 'low'
export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

export interface Explanation {
  'zh-CN': string
  en: string
}
