/** Why a feature was refused. Stable codes: the editor and importers show them in words. */
export const IMPORT_REASONS = [
  'not_a_feature',
  'missing_geometry',
  'wrong_geometry_type',
  'malformed_coordinates',
  'coordinates_out_of_range',
  'unclosed_ring',
  'too_few_positions',
  'too_many_vertices',
  'invalid_geometry',
  'empty_geometry',
  'duplicate_geometry',
  'missing_property',
  'invalid_property',
  'unknown_region',
  'code_mismatch',
  'duplicate_code',
  'duplicate_external_id',
  'outside_regions',
] as const

export type ImportReasonCode = (typeof IMPORT_REASONS)[number]

export interface ImportReason {
  code: ImportReasonCode
  message: string
  property?: string
}

export interface FeatureProblem {
  index: number
  reasons: ImportReason[]
}

/** Collects reasons per feature index, in index order. */
export class ProblemList {
  private readonly byIndex = new Map<number, ImportReason[]>()

  add(index: number, code: ImportReasonCode, message: string, property?: string): void {
    const reasons = this.byIndex.get(index) ?? []
    reasons.push(property === undefined ? { code, message } : { code, message, property })
    this.byIndex.set(index, reasons)
  }

  has(index: number): boolean {
    return this.byIndex.has(index)
  }

  get size(): number {
    return this.byIndex.size
  }

  toArray(): FeatureProblem[] {
    return [...this.byIndex.entries()].sort(([a], [b]) => a - b).map(([index, reasons]) => ({ index, reasons }))
  }
}
