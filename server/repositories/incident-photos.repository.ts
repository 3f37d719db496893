import type { Queryable } from '../db/database'
export type PhotoStage = 'report' | 'handle'

/** A photo as stored: re-encoded JPEG without metadata, and its thumbnail (services/photos makes them). */
export interface ProcessedPhoto {
  image: Buffer
  thumbnail: Buffer
  width: number
  height: number
}

export function incidentPhotosRepository(db: Queryable) {
  return {
    async insert(incidentId: number, countyCode: string, stage: PhotoStage, photos: readonly ProcessedPhoto[]): Promise<void> {
      for (const photo of photos) {
        await db.query(`INSERT INTO incident_photos (incident_id, county_code, stage, image, thumbnail, width, height) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          incidentId,
          countyCode,
          stage,
          photo.image,
          photo.thumbnail,
          photo.width,
          photo.height,
        ])
      }
    },

    /** The photo's JPEG bytes (or its thumbnail), when it belongs to that incident. */
    async bytes(incidentId: number, photoId: number, size: 'full' | 'thumb'): Promise<Buffer | undefined> {
      const { rows } = await db.query<{ bytes: Buffer }>(
        `SELECT ${size === 'thumb' ? 'thumbnail' : 'image'} AS bytes FROM incident_photos WHERE id = $1 AND incident_id = $2`,
        [photoId, incidentId],
      )
      return rows[0]?.bytes
    },
  }
}
