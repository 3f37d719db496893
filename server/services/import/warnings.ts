import type { FindingKind } from '../../domain/import-vocabulary'

export { FINDING_KINDS, type FindingKind } from '../../domain/import-vocabulary'

export interface ImportWarning {
  kind: FindingKind
  /** The feature it is about, and the code it was given; a gap belongs to its community instead. */
  index?: number
  code?: string
  communityCode: string
  /** An overlap's other grid: its code, and its feature index when it came in the same file. */
  otherCode?: string
  otherIndex?: number
  areaM2: number
  message: string
}

const m2 = (area: number) => Math.round(area * 100) / 100

export const warn = {
  outside: (index: number, code: string, communityCode: string, area: number): ImportWarning => ({
    kind: 'outside_community',
    index,
    code,
    communityCode,
    areaM2: m2(area),
    message: `${m2(area)} m² of grid ${code} lies outside community ${communityCode}`,
  }),
  overlap: (index: number, code: string, communityCode: string, area: number, other: { code: string; index?: number }): ImportWarning => ({
    kind: 'overlap',
    index,
    code,
    communityCode,
    otherCode: other.code,
    ...(other.index === undefined ? {} : { otherIndex: other.index }),
    areaM2: m2(area),
    message: `${m2(area)} m² of grid ${code} overlaps grid ${other.code}`,
  }),
  gap: (communityCode: string, area: number): ImportWarning => ({
    kind: 'gap',
    communityCode,
    areaM2: m2(area),
    message: `${m2(area)} m² of community ${communityCode} is in no grid`,
  }),
}
