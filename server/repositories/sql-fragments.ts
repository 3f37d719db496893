/** Builds a WHERE clause from conditions with `$n` placeholders numbered as they are added. */
export class SqlConditions {
  readonly params: unknown[] = []
  private readonly conditions: string[] = []

  /** Adds a condition; `?` in `sql` marks where each value goes (in order). */
  add(sql: string, ...values: unknown[]): this {
    let index = 0
    const text = sql.replace(/\?/g, () => {
      this.params.push(values[index++])
      return `$${this.params.length}`
    })
    this.conditions.push(`(${text})`)
    return this
  }

  /** Appends a parameter without a condition (for LIMIT and the like) and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value)
    return `$${this.params.length}`
  }

  where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : ''
  }
}

export const ENVELOPE = 'ST_MakeEnvelope(?, ?, ?, ?, 4326)'

/**
 * Whether a region filter is a whole county, which rows already carry as `county_code`: every
 * household and incident is given, when written, the county of the regions whose boundary holds
 * it. Testing each point against the county's boundary as well selects the same rows at a
 * hundred times the cost; streets and communities do need their boundary.
 */
export const isCounty = (regionCode: string): boolean => regionCode.length === 6
