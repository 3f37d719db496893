import * as zlib from 'node:zlib'
import { AppError } from '../../../errors'

/**
 * Reads a zip archive from its central directory, inflating only the entries asked for, and only
 * when their declared sizes together fit the limit; each is inflated with that size as a hard cap
 * (a zip may lie about sizes), so a zip bomb costs a few bytes of work before its 413. Only what
 * Shapefile and KMZ archives hold is supported: stored and deflated entries, no encryption, no ZIP64.
 */
export interface ZipEntry {
  name: string
  compressedSize: number
  size: number
  method: number
  encrypted: boolean
  crc: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

export const unreadableZip = (why: string) =>
  new AppError(400, 'unreadable_file', `The zip archive cannot be read: ${why}; nothing was written`, { format: 'zip' })

const utf8 = new TextDecoder('utf-8', { fatal: true })
const gb18030 = new TextDecoder('gb18030')

/** Entry names are UTF-8 when flagged (bit 11), and in Chinese archives otherwise mostly GBK. */
function entryName(bytes: Uint8Array, flaggedUtf8: boolean): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return flaggedUtf8 ? new TextDecoder().decode(bytes) : gb18030.decode(bytes)
  }
}

// zlib.crc32 came in Node 20.15 (a named import would fail to load before it); without it, the sizes are the check.
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32

export function listZip(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // The end record is in the last 22 bytes plus a comment of at most 65535.
  let eocd = -1
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0) throw unreadableZip('no end of central directory (not a zip, or truncated)')
  const total = view.getUint16(eocd + 10, true)
  const directorySize = view.getUint32(eocd + 12, true)
  const directoryOffset = view.getUint32(eocd + 16, true)
  if (total === 0xffff || directoryOffset === 0xffffffff) throw unreadableZip('ZIP64 archives are not supported')
  if (directoryOffset + directorySize > eocd) throw unreadableZip('the central directory lies outside the file')
  const entries: ZipEntry[] = []
  let at = directoryOffset
  for (let i = 0; i < total; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL) throw unreadableZip('a corrupt central directory')
    const flags = view.getUint16(at + 8, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    if (at + 46 + nameLength > eocd) throw unreadableZip('a corrupt central directory')
    entries.push({
      name: entryName(zip.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 1) !== 0,
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Inflates these entries, refusing (413) when their declared sizes exceed `maxBytes` together. */
export function readZipEntries(zip: Uint8Array, entries: ZipEntry[], maxBytes: number): Map<ZipEntry, Uint8Array> {
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0)
  if (declared > maxBytes) {
    throw new AppError(413, 'unzipped_too_large', `The archive's files unzip to ${declared} bytes, more than the ${maxBytes} allowed; nothing was written`, {
      unzippedBytes: declared,
      maxBytes,
    })
  }
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const out = new Map<ZipEntry, Uint8Array>()
  for (const entry of entries) {
    if (entry.encrypted) throw unreadableZip(`${entry.name} is encrypted`)
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw unreadableZip('ZIP64 archives are not supported')
    const local = entry.localHeaderOffset
    if (local + 30 > zip.length || view.getUint32(local, true) !== LOCAL) throw unreadableZip(`${entry.name} has no local header`)
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const end = start + entry.compressedSize
    if (end > zip.length) throw unreadableZip(`${entry.name} runs past the end of the archive`)
    const raw = zip.subarray(start, end)
    let bytes: Uint8Array
    if (entry.method === 0) bytes = raw
    else if (entry.method === 8) {
      try {
        // At most the declared size: a stream that inflates beyond it is refused, not followed.
        bytes = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) })
      } catch {
        throw unreadableZip(`${entry.name} does not inflate to its declared ${entry.size} bytes`)
      }
    } else throw unreadableZip(`${entry.name} uses compression method ${entry.method} (only stored and deflated are supported)`)
    if (bytes.length !== entry.size) throw unreadableZip(`${entry.name} does not inflate to its declared ${entry.size} bytes`)
    if (crc32 && crc32(bytes) >>> 0 !== entry.crc) throw unreadableZip(`${entry.name} fails its CRC check`)
    out.set(entry, bytes)
  }
  return out
}
