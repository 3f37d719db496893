import { Type, type SchemaOptions, type TLiteral } from '@sinclair/typebox'

type LiteralsOf<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> }

/**
 * One of a closed vocabulary's values, as `anyOf` their constants (what Type.Union of literals
 * makes), typed as the tuple of those literals. The routes' type provider reads our schemas by their
 * JSON shape and infers a union only from a tuple: an array of literals would type the value `never`.
 */
export const LiteralUnion = <const T extends readonly string[]>(values: T, options?: SchemaOptions) =>
  Type.Union<LiteralsOf<T>>(values.map((value) => Type.Literal(value)) as [...LiteralsOf<T>], options)
