import type { CoverageSettings } from '../coverage/coverage-settings'

export type SizeNormStatus = 'ok' | 'undersized' | 'oversized' | 'over_population' | 'empty' | 'exempt'

export interface SizeNorm {
  households: number
  population: number
  status: SizeNormStatus
  householdsMin: number
  householdsMax: number
  populationMax: number
}

/**
 * The size norm of a grid after an edit: comprehensive grids 300–500 households and ≤ 2,500
 * people by default; dedicated grids are exempt. A warning for the editor, never a refusal.
 */
export function sizeNorm(
  size: { households: number; population: number },
  type: 'comprehensive' | 'dedicated',
  settings: Pick<CoverageSettings, 'householdsMin' | 'householdsMax' | 'populationMax'>,
): SizeNorm {
  const base = { ...size, householdsMin: settings.householdsMin, householdsMax: settings.householdsMax, populationMax: settings.populationMax }
  const status: SizeNormStatus =
    type === 'dedicated'
      ? 'exempt'
      : size.households === 0
        ? 'empty'
        : size.households > settings.householdsMax
          ? 'oversized'
          : size.population > settings.populationMax
            ? 'over_population'
            : size.households < settings.householdsMin
              ? 'undersized'
              : 'ok'
  return { ...base, status }
}
