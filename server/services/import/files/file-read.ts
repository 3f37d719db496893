import { AppError } from '../../../errors'
import type { FileCrs } from './file-crs'

import type { FileFormat } from '../../../domain/import-vocabulary'

export { FILE_FORMATS, type FileFormat } from '../../../domain/import-vocabulary'

/** A file read into what a GeoJSON import holds: Features, in the file's CRS, with their attributes as properties. */
export interface FileRead {
  features: unknown[]
  crs: FileCrs
  /** The layer read (GeoPackage table, Shapefile name, KML document). */
  layer?: string
  /** What the caller should know about how the file was read. */
  notes: string[]
}

export interface ReadLimits {
  /** The layer to read, when the file has several. */
  layer?: string
  /** At most this many bytes unzipped (Shapefile and KMZ archives). */
  maxUnzippedBytes: number
  /** At most this many features: counted before they are read where the format allows. */
  maxFeatures: number
}

export function unreadableFile(format: FileFormat, why: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(400, 'unreadable_file', `The ${format} file cannot be read: ${why}; nothing was written`, { format, ...details })
}

export function tooManyFeatures(max: number, got: number): AppError {
  return new AppError(413, 'too_many_features', `at most ${max} features per import, got ${got}`)
}

/** The layer asked for, or the only one; else 400 naming the layers there are. */
export function pickLayer(format: FileFormat, layers: string[], wanted: string | undefined): string {
  if (layers.length === 0) throw unreadableFile(format, 'it holds no layer of features')
  if (wanted !== undefined) {
    if (layers.includes(wanted)) return wanted
    throw new AppError(400, 'unknown_layer', `The ${format} file has no layer "${wanted}"; it has ${layers.join(', ')}`, { layers })
  }
  if (layers.length === 1) return layers[0]
  throw new AppError(400, 'layer_required', `The ${format} file has ${layers.length} layers (${layers.join(', ')}): choose one with ?layer=`, { layers })
}
