import { parseDbf, parseShp } from 'shpjs'
import { AppError } from '../../../errors'
import { crsFromWkt, type FileCrs } from './file-crs'
import { pickLayer, tooManyFeatures, unreadableFile, type FileRead, type ReadLimits } from './file-read'
import { listZip, readZipEntries, type ZipEntry } from './zip-entries'

/**
 * Reads one Shapefile layer from a zip: its .shp geometries and .dbf records with shpjs, the CRS
 * from the .prj (file-crs.ts recognises it; shpjs is given no .prj, so it never reprojects), the
 * text encoding from the .cpg. Entries are inflated by zip-entries.ts, within the unzipped limit.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A .cpg's code page as a WHATWG encoding label: "GBK", "936", "ANSI 936", "UTF-8", "65001", "1252", "CP1252". */
function encodingLabel(cpg: string): string {
  const text = cpg.trim()
  const codePage = /^(?:ANSI\s*|CP\s*|windows-)?(\d+)$/i.exec(text)?.[1]
  if (codePage === undefined) return text
  return { '936': 'gbk', '54936': 'gb18030', '65001': 'utf-8', '950': 'big5', '20936': 'gb2312' }[codePage] ?? `windows-${codePage}`
}

/**
 * The DBF's text encoding: the .cpg's, else the DBF's language driver byte for code page 936, else
 * UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK), as Chinese legacy data
 * without a .cpg almost always is. The guess is reported as a note.
 */
export function dbfEncoding(dbf: Uint8Array, cpg: string | undefined): { label: string; note?: string } {
  if (cpg !== undefined && cpg.trim() !== '') {
    const label = encodingLabel(cpg)
    try {
      new TextDecoder(label)
    } catch {
      throw unreadableFile('shapefile', `its .cpg names the text encoding "${cpg.trim().slice(0, 50)}", which cannot be read`)
    }
    return { label }
  }
  // 0x4D and 0x7A: the dBase language driver ids of code page 936 (GBK).
  if (dbf[29] === 0x4d || dbf[29] === 0x7a) return { label: 'gbk' }
  try {
    // The records only: the header's counts are binary.
    utf8.decode(dbf.subarray(dbf[8] | (dbf[9] << 8)))
    return { label: 'utf-8' }
  } catch {
    return {
      label: 'gb18030',
      note: 'The Shapefile has no .cpg and its text is not UTF-8: it was read as GB18030 (GBK); add a .cpg naming its encoding if that is wrong',
    }
  }
}

/**
 * shpjs trusts the record lengths: a negative one sends it backwards for ever. The records must
 * each move forwards and end inside the file.
 */
function checkShpRecords(shp: DataView): number {
  if (shp.byteLength < 100 || shp.getInt32(0) !== 9994) throw unreadableFile('shapefile', 'the .shp has no Shapefile header')
  let records = 0
  for (let at = 100; at + 8 <= shp.byteLength; records++) {
    const length = shp.getInt32(at + 4) * 2
    if (length < 4 || at + 8 + length > shp.byteLength) throw unreadableFile('shapefile', `the .shp record ${records + 1} is corrupt`)
    at += 8 + length
  }
  return records
}

/** parsedbf trusts the header's record count and length: they must fit the file. */
function checkDbf(dbf: DataView): void {
  if (dbf.byteLength < 32) throw unreadableFile('shapefile', 'the .dbf has no header')
  const records = dbf.getUint32(4, true)
  const headerLength = dbf.getUint16(8, true)
  const recordLength = dbf.getUint16(10, true)
  if (headerLength < 33 || recordLength < 1 || headerLength + records * recordLength > dbf.byteLength) {
    throw unreadableFile('shapefile', 'the .dbf header does not match its size')
  }
}

interface LayerFiles {
  shp?: ZipEntry
  dbf?: ZipEntry
  prj?: ZipEntry
  cpg?: ZipEntry
}

function layersIn(entries: ZipEntry[]): Map<string, LayerFiles> {
  const layers = new Map<string, LayerFiles>()
  for (const entry of entries) {
    if (entry.name.endsWith('/') || entry.name.includes('__MACOSX')) continue
    const match = /^(?:.*\/)?([^/]+)\.(shp|dbf|prj|cpg)$/i.exec(entry.name)
    if (!match) continue
    const base = entry.name.slice(0, -4)
    const files = layers.get(base) ?? {}
    files[match[2].toLowerCase() as keyof LayerFiles] = entry
    layers.set(base, files)
  }
  for (const [base, files] of layers) if (!files.shp) layers.delete(base)
  return layers
}

const layerName = (base: string) => base.split('/').pop()!

export function readShapefile(zip: Uint8Array, limits: ReadLimits): FileRead {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw unreadableFile('shapefile', 'it is not a zip archive')
  const layers = layersIn(listZip(zip))
  if (layers.size === 0) throw unreadableFile('shapefile', 'the zip holds no .shp file')
  const bases = [...layers.keys()]
  const name = pickLayer('shapefile', bases.map(layerName), limits.layer)
  const files = layers.get(bases.find((base) => layerName(base) === name)!)!
  const wanted = [files.shp!, files.dbf, files.prj, files.cpg].filter((entry): entry is ZipEntry => entry !== undefined)
  const bytes = readZipEntries(zip, wanted, limits.maxUnzippedBytes)
  const text = (entry: ZipEntry | undefined) => (entry ? new TextDecoder().decode(bytes.get(entry)) : undefined)
  const view = (data: Uint8Array) => new DataView(data.buffer, data.byteOffset, data.byteLength)

  const notes: string[] = []
  const prj = text(files.prj)
  let crs: FileCrs = 'EPSG:4326'
  if (prj !== undefined && prj.trim() !== '') crs = crsFromWkt(prj)
  else notes.push('The Shapefile has no .prj: its coordinates were taken as WGS 84 longitude and latitude')

  const shp = view(bytes.get(files.shp!)!)
  const count = checkShpRecords(shp)
  if (count > limits.maxFeatures) throw tooManyFeatures(limits.maxFeatures, count)
  let records: Record<string, unknown>[] = []
  try {
    const geometries = parseShp(shp)
    if (files.dbf) {
      const dbf = bytes.get(files.dbf)!
      checkDbf(view(dbf))
      const encoding = dbfEncoding(dbf, text(files.cpg))
      if (encoding.note) notes.push(encoding.note)
      records = parseDbf(view(dbf), encoding.label)
    }
    const features = geometries.map((geometry, i) => ({ type: 'Feature', geometry, properties: records[i] ?? {} }))
    return { features, crs, layer: name, notes }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw unreadableFile('shapefile', `the .shp or .dbf is corrupt (${(error as Error).message})`)
  }
}
