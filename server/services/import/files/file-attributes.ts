import type { ImportKind } from '../parse-features'
import { PropertyReader, readGridProps, readHouseholdProps, readIncidentProps, readRegionProps, readServicePointProps } from '../property-checks'
import { ProblemList } from '../reasons'

/**
 * GeoPackage, Shapefile and KML attributes, brought to the property names and JSON types the
 * GeoJSON path reads (property-checks.ts), so every check after that is the same:
 *
 * - names: exact, else the one that differs only in case, else (DBF field names have at most 10
 *   characters, so a Shapefile has `elderlyAlo` for elderlyAlone) the name cut to 10 characters;
 * - types: a number where a text is read becomes its text (a code stored as a number); an integer
 *   written as text ("3", KML keeps everything as text) a number; 1/0, T/F, Y/N, true/false, 是/否
 *   a flag (GeoPackage stores booleans as 0/1, DBF as T/F); an empty value is no value.
 *
 * Whatever still is not of the right type is left as it is, for the property checks to report.
 */
type FieldType = 'text' | 'integer' | 'flag' | 'instant'

/** Learns the names and types a kind reads by running its property reader once. */
class FieldRecorder extends PropertyReader {
  readonly fields = new Map<string, FieldType>()
  constructor() {
    super({}, 0, new ProblemList())
  }
  override text(name: string) {
    this.fields.set(name, 'text')
    return undefined
  }
  override oneOf(name: string) {
    this.fields.set(name, 'text')
    return undefined
  }
  override integer(name: string) {
    this.fields.set(name, 'integer')
    return undefined
  }
  override flag(name: string) {
    this.fields.set(name, 'flag')
    return false
  }
  override instant(name: string) {
    this.fields.set(name, 'instant')
    return undefined
  }
}

const PROPERTY_READERS = {
  regions: readRegionProps,
  grids: readGridProps,
  households: readHouseholdProps,
  'service-points': readServicePointProps,
  incidents: readIncidentProps,
} as const satisfies Record<ImportKind, (r: PropertyReader) => unknown>

export function fieldsOf(kind: ImportKind): Map<string, FieldType> {
  const recorder = new FieldRecorder()
  PROPERTY_READERS[kind](recorder)
  return recorder.fields
}

export const DBF_NAME_LENGTH = 10

const TRUE = new Set(['1', 'true', 't', 'y', 'yes', '是'])
const FALSE = new Set(['0', 'false', 'f', 'n', 'no', '否'])

function coerce(value: unknown, type: FieldType): unknown {
  switch (type) {
    case 'text':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : value
    case 'integer':
      return typeof value === 'string' && /^\s*-?\d+(\.0*)?\s*$/.test(value) ? Number(value) : value
    case 'flag': {
      if (value === 1 || value === 0) return value === 1
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined
      return text !== undefined && TRUE.has(text) ? true : text !== undefined && FALSE.has(text) ? false : value
    }
    case 'instant':
      return value
  }
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))

export class AttributeMapper {
  private readonly fields: Map<string, FieldType>
  /** File attribute name → the property it was read as, when they differ (reported to the caller). */
  readonly renamed = new Map<string, string>()

  constructor(kind: ImportKind) {
    this.fields = fieldsOf(kind)
  }

  private sourceOf(name: string, attributes: Record<string, unknown>): string | undefined {
    if (name in attributes) return name
    const keys = Object.keys(attributes)
    const lower = name.toLowerCase()
    return (
      keys.find((key) => key.toLowerCase() === lower) ??
      (name.length > DBF_NAME_LENGTH ? keys.find((key) => key.toLowerCase() === lower.slice(0, DBF_NAME_LENGTH)) : undefined)
    )
  }

  map(attributes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const used = new Set<string>()
    for (const [name, type] of this.fields) {
      const source = this.sourceOf(name, attributes)
      if (source === undefined) continue
      used.add(source)
      if (source !== name) this.renamed.set(source, name)
      const value = attributes[source]
      if (!isEmpty(value)) out[name] = coerce(value, type)
    }
    // Attributes the kind does not read travel along untouched (the checks ignore them).
    for (const [key, value] of Object.entries(attributes)) if (!used.has(key) && !(key in out)) out[key] = value
    return out
  }
}
