import { SERVICE_CATEGORIES, type ServiceCategory } from '../../domain/vocabulary'

/** Thresholds of the coverage engine; all configurable, these are the defaults. */
export interface CoverageSettings {
  /** Gap and overlap pieces smaller than this (m²) are floating-point noise, not findings. */
  minAreaM2: number
  /** Household norm for comprehensive grids (dedicated grids are exempt). */
  householdsMin: number
  householdsMax: number
  populationMax: number
  /** A worker assigned to more grids than this is spread too thin. */
  maxGridsPerWorker: number
  /** Life-circle distance per service category, in metres (straight line). */
  serviceDistanceM: Record<ServiceCategory, number>
  /** A grid not patrolled for this many days is a patrol blind spot. */
  patrolDays: number
  /** 按期结案率 is judged over this many days, needing at least `onTimeMinDue` incidents due. */
  onTimeWindowDays: number
  onTimeMinDue: number
  onTimeThreshold: number
  /** Households listed by id per service-gap blind spot (the count is always exact). */
  serviceGapListMax: number
}

/**
 * Life circles of GB 50180-2018: 5 min ≈ 300 m, 10 min ≈ 500 m, 15 min ≈ 1000 m. Daily needs
 * (convenience shops, volunteer stations) sit in the 5/10-minute circle; schools, clinics,
 * culture, police and elderly-care centres in the 15-minute circle.
 */
export const DEFAULT_SERVICE_DISTANCE_M: Record<ServiceCategory, number> = {
  safety: 1000,
  volunteer: 500,
  education: 1000,
  convenience: 300,
  culture: 1000,
  health: 1000,
  elderly_care: 1000,
  emergency: 1000,
}

export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = {
  minAreaM2: 1,
  householdsMin: 300,
  householdsMax: 500,
  populationMax: 2500,
  maxGridsPerWorker: 3,
  serviceDistanceM: DEFAULT_SERVICE_DISTANCE_M,
  patrolDays: 30,
  onTimeWindowDays: 30,
  onTimeMinDue: 5,
  onTimeThreshold: 0.8,
  serviceGapListMax: 1000,
}

/** Parses "convenience=300,elderly_care=500" into distances over the defaults; returns problems. */
export function parseServiceDistances(raw: string | undefined): { distances: Record<ServiceCategory, number>; problems: string[] } {
  const distances = { ...DEFAULT_SERVICE_DISTANCE_M }
  const problems: string[] = []
  if (!raw?.trim()) return { distances, problems }
  for (const pair of raw.split(',')) {
    const [category, value] = pair.split('=').map((part) => part.trim())
    const metres = Number(value)
    if (!(SERVICE_CATEGORIES as readonly string[]).includes(category)) problems.push(`SERVICE_DISTANCES: unknown category "${category}"`)
    else if (!Number.isFinite(metres) || metres <= 0 || metres > 10_000)
      problems.push(`SERVICE_DISTANCES: ${category} needs metres in (0, 10000], got "${value}"`)
    else distances[category as ServiceCategory] = metres
  }
  return { distances, problems }
}
