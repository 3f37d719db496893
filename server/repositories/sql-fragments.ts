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
