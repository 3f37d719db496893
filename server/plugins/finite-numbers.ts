import type { FastifyInstance, RouteOptions } from 'fastify'

/**
 * Ajv, coercing types, turns the text "Infinity", "-Infinity" or "1e309" into ±Infinity for an
 * integer or a number, and then skips minimum and maximum, which only judge finite numbers: such a
 * value passed validation and reached SQL as a 500. Every integer and number in a request schema
 * is therefore checked once more after coercion, where only a finite number is of its type.
 */

type Schema = Record<string | symbol, unknown>

const NUMERIC = new Set(['integer', 'number'])
// Keywords whose value is a subschema, a list of them, or a map of names to them.
const ONE = [
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems']
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']
const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

function isNumeric(type: unknown): boolean {
  return Array.isArray(type) ? type.some((t) => NUMERIC.has(t)) : NUMERIC.has(type as string)
}

function mapSubschema(value: unknown): unknown {
  if (Array.isArray(value)) {
    const mapped = value.map(mapSubschema)
    return mapped.some((item, i) => item !== value[i]) ? mapped : value
  }
  return isSchema(value) ? withFiniteNumbers(value) : value
}

/** `schema` with every integer and number also re-checked after coercion; the same object when it has none. */
export function withFiniteNumbers<T>(schema: T): T {
  if (!isSchema(schema)) return schema
  let copy: Schema | undefined
  const set = (key: string, value: unknown) => {
    if (value === schema[key]) return
    copy ??= { ...schema }
    copy[key] = value
  }
  for (const key of [...ONE, ...LIST]) if (key in schema) set(key, mapSubschema(schema[key]))
  for (const key of MAP) {
    const map = schema[key]
    if (!isSchema(map)) continue
    const entries = Object.entries(map).map(([name, sub]) => [name, mapSubschema(sub)] as const)
    if (entries.some(([name, sub]) => sub !== map[name])) set(key, Object.fromEntries(entries))
  }
  if (isNumeric(schema.type)) {
    // The nested check sees the coerced value: Infinity is no integer or number there, and a number is not coerced again.
    const allOf = (copy ?? schema).allOf
    set('allOf', [...(Array.isArray(allOf) ? allOf : []), { type: schema.type }])
  }
  return (copy ?? schema) as T
}

/** Every route registered after this validates its request with withFiniteNumbers. */
export function registerFiniteNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema) return
    const schema = { ...route.schema } as Record<string, unknown>
    for (const part of REQUEST_PARTS) if (schema[part]) schema[part] = withFiniteNumbers(schema[part])
    route.schema = schema as RouteOptions['schema']
  })
}
