import type { Queryable } from '../db/database'
import { AppError } from '../errors'
import { regionsRepository } from '../repositories/regions.repository'

/** A region filter must name a region that exists: an empty answer would look like a quiet place. */
export async function assertKnownRegion(db: Queryable, region: string | undefined): Promise<void> {
  if (region !== undefined && !(await regionsRepository(db).exists(region))) {
    throw new AppError(400, 'invalid_filter', `region: no region "${region}"`, { parameter: 'region' })
  }
}
