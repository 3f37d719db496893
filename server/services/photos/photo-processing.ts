// Photos from phones are personal data and untrusted bytes: checked by content (not by the name or
// the declared type), decoded, re-encoded as JPEG without any metadata (EXIF carries the phone's
// GPS position, its owner and serial number), and shrunk to a thumbnail for lists.
import sharp from 'sharp'
import { AppError } from '../../errors'
import type { ProcessedPhoto } from '../../repositories/incident-photos.repository'

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const PHOTOS_MAX = 3
const STORED_MAX_SIDE = 2048
const THUMB_SIDE = 320
// A decoded bitmap bigger than this is a decompression bomb, not a phone photo.
const MAX_PIXELS = 40_000_000

export type PhotoType = 'jpeg' | 'png' | 'webp'

export type { ProcessedPhoto } from '../../repositories/incident-photos.repository'

/** The image type the bytes really are, by their magic numbers, or null. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'png'
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  return null
}

const photoError = (index: number, status: number, code: string, message: string) =>
  new AppError(status, code, `photos[${index}]: ${message}`, { parameter: `photos/${index}` })

/** Decodes base64 (as JSON bodies carry photos) strictly: anything but base64 is refused, not skipped. */
export function decodePhoto(data: string, index: number): Buffer {
  const compact = data.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw photoError(index, 400, 'photo_encoding', 'not base64')
  const bytes = Buffer.from(compact, 'base64')
  if (bytes.length > PHOTO_MAX_BYTES) throw photoError(index, 413, 'photo_too_large', `${bytes.length} bytes; at most ${PHOTO_MAX_BYTES}`)
  if (bytes.length === 0) throw photoError(index, 400, 'photo_encoding', 'empty')
  return bytes
}

export async function processPhoto(bytes: Buffer, index: number): Promise<ProcessedPhoto> {
  if (!sniffPhotoType(bytes)) throw photoError(index, 415, 'photo_type', 'only JPEG, PNG and WebP photos are taken')
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped (sharp keeps none by default).
    const source = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate()
    const { data: image, info } = await source
      .clone()
      .resize({ width: STORED_MAX_SIDE, height: STORED_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const thumbnail = await sharp(image).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'cover' }).jpeg({ quality: 75 }).toBuffer()
    return { image, thumbnail, width: info.width, height: info.height }
  } catch {
    throw photoError(index, 422, 'photo_unreadable', 'the image could not be decoded')
  }
}

/** Every photo of one write, checked and re-encoded before any transaction starts (CPU work, not the database's). */
export async function processPhotos(photos: readonly { data: string }[] | undefined): Promise<ProcessedPhoto[]> {
  if (!photos?.length) return []
  if (photos.length > PHOTOS_MAX) throw new AppError(400, 'too_many_photos', `At most ${PHOTOS_MAX} photos`, { parameter: 'photos' })
  const decoded = photos.map((p, i) => decodePhoto(p.data, i))
  const processed: ProcessedPhoto[] = []
  for (const [i, bytes] of decoded.entries()) processed.push(await processPhoto(bytes, i))
  return processed
}
