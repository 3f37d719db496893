import {
  GRID_TYPES,
  INCIDENT_CATEGORIES,
  INCIDENT_PRIORITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  REGION_LEVELS,
  SERVICE_CATEGORIES,
} from '../../domain/vocabulary'
import { COMMUNITY_CODE_PATTERN, REGION_CODE_PATTERN } from '../../domain/region-code'
import type { ProblemList } from './reasons'

type Props = Record<string, unknown>

/** Reads typed properties of one feature, recording a reason for each missing or invalid one. */
export class PropertyReader {
  constructor(
    private readonly props: Props,
    private readonly index: number,
    private readonly problems: ProblemList,
  ) {}

  private missing(name: string): undefined {
    this.problems.add(this.index, 'missing_property', `property "${name}" is required`, name)
    return undefined
  }

  private invalid(name: string, message: string): undefined {
    this.problems.add(this.index, 'invalid_property', `property "${name}" ${message}`, name)
    return undefined
  }

  private present(name: string): boolean {
    const value = this.props[name]
    return value !== undefined && value !== null && value !== ''
  }

  text(name: string, options: { required: boolean; max?: number; pattern?: RegExp; patternText?: string }): string | undefined {
    if (!this.present(name)) return options.required ? this.missing(name) : undefined
    const value = this.props[name]
    if (typeof value !== 'string') return this.invalid(name, `must be a string, got ${typeof value}`)
    const trimmed = value.trim()
    if (trimmed.length > (options.max ?? 500)) return this.invalid(name, `is longer than ${options.max ?? 500} characters`)
    if (options.pattern && !options.pattern.test(trimmed)) return this.invalid(name, `"${trimmed}" must be ${options.patternText}`)
    return trimmed
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { required: boolean }): T | undefined {
    if (!this.present(name)) return options.required ? this.missing(name) : undefined
    const value = this.props[name]
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.invalid(name, `"${String(value)}" is not one of ${allowed.join(', ')}`)
    }
    return value as T
  }

  integer(name: string, options: { required: boolean; min: number; max: number }): number | undefined {
    if (!this.present(name)) return options.required ? this.missing(name) : undefined
    const value = this.props[name]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < options.min || value > options.max) {
      return this.invalid(name, `must be an integer from ${options.min} to ${options.max}, got ${JSON.stringify(value)}`)
    }
    return value
  }

  flag(name: string): boolean {
    if (!this.present(name)) return false
    const value = this.props[name]
    if (typeof value !== 'boolean') {
      this.invalid(name, `must be true or false, got ${JSON.stringify(value)}`)
      return false
    }
    return value
  }

  instant(name: string, options: { required: boolean }): string | undefined {
    if (!this.present(name)) return options.required ? this.missing(name) : undefined
    const value = this.props[name]
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
    if (typeof value !== 'string' || !iso.test(value) || Number.isNaN(Date.parse(value))) {
      return this.invalid(name, `must be an ISO 8601 date-time with a time zone, got ${JSON.stringify(value)}`)
    }
    return new Date(value).toISOString()
  }
}

const CODE_PATTERNS = {
  region: { pattern: new RegExp(REGION_CODE_PATTERN), patternText: 'a 6-, 9- or 12-digit code' },
  community: { pattern: new RegExp(COMMUNITY_CODE_PATTERN), patternText: 'a 12-digit community code' },
  grid: { pattern: /^[0-9]{15}$/, patternText: 'a 15-digit grid code' },
}

export function readRegionProps(r: PropertyReader) {
  return {
    code: r.text('code', { required: true, ...CODE_PATTERNS.region }),
    name: r.text('name', { required: true, max: 100 }),
    level: r.oneOf('level', REGION_LEVELS, { required: true }),
    parentCode: r.text('parentCode', { required: false, ...CODE_PATTERNS.region }),
  }
}

export function readGridProps(r: PropertyReader) {
  return {
    code: r.text('code', { required: false, ...CODE_PATTERNS.grid }),
    name: r.text('name', { required: true, max: 100 }),
    type: r.oneOf('type', GRID_TYPES, { required: true }),
    communityCode: r.text('communityCode', { required: true, ...CODE_PATTERNS.community }),
  }
}

export function readHouseholdProps(r: PropertyReader) {
  return {
    externalId: r.text('externalId', { required: true, max: 100 }),
    address: r.text('address', { required: true, max: 300 }),
    population: r.integer('population', { required: true, min: 0, max: 200 }),
    elderlyAlone: r.flag('elderlyAlone'),
    disabled: r.flag('disabled'),
    lowIncome: r.flag('lowIncome'),
    keyCare: r.flag('keyCare'),
  }
}

export function readServicePointProps(r: PropertyReader) {
  return {
    name: r.text('name', { required: true, max: 200 }),
    category: r.oneOf('category', SERVICE_CATEGORIES, { required: true }),
  }
}

export function readIncidentProps(r: PropertyReader) {
  return {
    externalId: r.text('externalId', { required: true, max: 100 }),
    category: r.oneOf('category', INCIDENT_CATEGORIES, { required: true }),
    status: r.oneOf('status', INCIDENT_STATUSES, { required: true }),
    source: r.oneOf('source', INCIDENT_SOURCES, { required: true }),
    priority: r.oneOf('priority', INCIDENT_PRIORITIES, { required: false }) ?? 'normal',
    description: r.text('description', { required: false, max: 2000 }) ?? '',
    reportedAt: r.instant('reportedAt', { required: true }),
  }
}
