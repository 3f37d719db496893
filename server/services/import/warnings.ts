/**
 * Coverage findings of a grid import: imported and listed as warnings (the coverage report shows
 * them too), or refused with ?strict=true. Unlike broken data they are what a county imports its
 * legacy grids to find.
 */
export const FINDING_KINDS = ['overlap', 'outside_community', 'gap'] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

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
    kind: 'outside_community', index, code, communityCode, areaM2: m2(area),
    message: `${m2(area)} m² of grid ${code} lies outside community ${communityCode}`,
  }),
  overlap: (index: number, code: string, communityCode: string, area: number, other: { code: string; index?: number }): ImportWarning => ({
    kind: 'overlap', index, code, communityCode, otherCode: other.code, ...(other.index === undefined ? {} : { otherIndex: other.index }), areaM2: m2(area),
    message: `${m2(area)} m² of grid ${code} overlaps grid ${other.code}`,
  }),
  gap: (communityCode: string, area: number): ImportWarning => ({
    kind: 'gap', communityCode, areaM2: m2(area),
    message: `${m2(area)} m² of community ${communityCode} is in no grid`,
  }),
}
