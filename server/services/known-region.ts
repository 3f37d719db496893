import type { Queryable } from '../db/database'
import { AppError } from '../errors'
import { regionsRepository } from '../repositories/regions.repository'

/**
 * A region a request names must exist: an empty answer would look like a quiet place. Every route
 * that takes a region answers an unknown one alike: 400 invalid_filter naming the parameter, as a
 * malformed code is answered on the filter routes. Not 404: the route and its resource exist, and
 * what is wrong is a query parameter's value (a 404 would read as "no such route" to a client), so
 * it is refused like any other bad value of a parameter. It is also what most routes answered already
 * (the incident reads, grids, households, tiles); coverage and the wall's stats answered 404 before.
 */
export async function assertKnownRegion(db: Queryable, region: string | undefined): Promise<void> {
  if (region !== undefined && !(await regionsRepository(db).exists(region))) throw unknownRegion(region)
}

export const unknownRegion = (region: string) => new AppError(400, 'invalid_filter', `region: no region "${region}"`, { parameter: 'region' })
