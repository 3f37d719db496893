import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseShp } from 'shpjs'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../server/errors'
import { AttributeMapper, fieldsOf } from '../../../server/services/import/files/file-attributes'
import { webMercatorToLonLat } from '../../../server/services/import/files/file-crs'
import { dbfEncoding } from '../../../server/services/import/files/read-shapefile'
import { listZip, readZipEntries } from '../../../server/services/import/files/zip-entries'

const DIR = fileURLToPath(new URL('../../fixtures/import-formats/', import.meta.url))
const fixture = (name: string) => readFileSync(`${DIR}${name}`)

function unzip(name: string): Record<string, Uint8Array> {
  const zip = fixture(name)
  const entries = listZip(zip)
  const bytes = readZipEntries(zip, entries, 1e6)
  return Object.fromEntries(entries.map((entry) => [entry.name.replace(/^.*\./, ''), bytes.get(entry)!]))
}

describe('zip entries', () => {
  it('lists and inflates what zip(1) wrote, CRC checked', () => {
    const files = unzip('households.shp.zip')
    expect(Object.keys(files).sort()).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx'])
    expect(new TextDecoder().decode(files.prj)).toMatch(/^GEOGCS\["GCS_WGS_1984"/)
  })

  it('refuses, before inflating, entries whose declared sizes exceed the limit (413)', () => {
    const zip = fixture('households.shp.zip')
    const entries = listZip(zip)
    const total = entries.reduce((sum, e) => sum + e.size, 0)
    expect(() => readZipEntries(zip, entries, total - 1)).toThrow(expect.objectContaining({ statusCode: 413, code: 'unzipped_too_large' }))
    expect(readZipEntries(zip, entries, total).size).toBe(entries.length)
  })

  it('refuses an entry that inflates beyond its declared size, or fails its CRC', () => {
    const zip = Buffer.from(fixture('households.shp.zip'))
    const [first] = listZip(zip)
    expect(() => readZipEntries(zip, [{ ...first, size: first.size - 1 }], 1e6)).toThrow(/does not inflate to its declared/)
    expect(() => readZipEntries(zip, [{ ...first, crc: (first.crc + 1) >>> 0 }], 1e6)).toThrow(/CRC/)
  })

  it.each([
    ['empty', Buffer.alloc(0)],
    ['not a zip', Buffer.from('hello world, this is not a zip archive at all')],
    ['cut short', fixture('households.shp.zip').subarray(0, 600)],
  ])('refuses a zip that is %s (400 unreadable_file)', (_what, bytes) => {
    expect(() => listZip(bytes)).toThrow(expect.objectContaining({ statusCode: 400, code: 'unreadable_file' }))
  })
})

describe('shpjs and the .prj', () => {
  it('given a Web Mercator .prj, shpjs (proj4) unprojects as webMercatorToLonLat does; the importer gives it none and unprojects itself', () => {
    const files = unzip('households-3857.shp.zip')
    const shp = new DataView(files.shp.buffer, files.shp.byteOffset, files.shp.byteLength)
    const raw = parseShp(shp) as { coordinates: [number, number] }[]
    const viaProj4 = parseShp(shp, new TextDecoder().decode(files.prj)) as { coordinates: [number, number] }[]
    expect(raw[0].coordinates[0]).toBeGreaterThan(1e7)
    raw.forEach((point, i) => {
      const [lng, lat] = webMercatorToLonLat(...point.coordinates)
      expect(Math.abs(lng - viaProj4[i].coordinates[0]) + Math.abs(lat - viaProj4[i].coordinates[1])).toBeLessThan(1e-9)
    })
  })

  it('given a CGCS2000 .prj, shpjs (proj4) leaves the degrees as they are (to 1e-12°, no datum shift), as the importer does', () => {
    const files = unzip('households-4490.shp.zip')
    const shp = new DataView(files.shp.buffer, files.shp.byteOffset, files.shp.byteLength)
    const raw = parseShp(shp) as { coordinates: [number, number] }[]
    const viaProj4 = parseShp(shp, new TextDecoder().decode(files.prj)) as { coordinates: [number, number] }[]
    raw.forEach((point, i) => {
      expect(Math.abs(point.coordinates[0] - viaProj4[i].coordinates[0]) + Math.abs(point.coordinates[1] - viaProj4[i].coordinates[1])).toBeLessThan(1e-12)
    })
  })
})

describe('dbfEncoding', () => {
  const dbfWith = (text: Uint8Array, ldid = 0) => {
    const header = Buffer.alloc(33)
    header[29] = ldid
    header.writeUInt16LE(33, 8)
    return Uint8Array.from([...header, ...text])
  }
  const gbk = Uint8Array.from([0xce, 0xf7, 0xc9, 0xe7, 0xc7, 0xf8]) // 西社区 in GBK

  it.each([
    ['GBK', 'GBK'],
    ['936', 'gbk'],
    ['ANSI 936', 'gbk'],
    ['CP936', 'gbk'],
    ['UTF-8', 'UTF-8'],
    ['65001', 'utf-8'],
    ['1252', 'windows-1252'],
    ['GB18030', 'GB18030'],
  ])('reads the .cpg %s as %s', (cpg, label) => {
    expect(dbfEncoding(dbfWith(gbk), cpg)).toEqual({ label })
  })

  it('refuses a .cpg naming an encoding it cannot decode', () => {
    expect(() => dbfEncoding(dbfWith(gbk), 'KLINGON-9')).toThrow(AppError)
  })

  it('without a .cpg: the language driver of code page 936, else UTF-8 when valid, else GB18030 with a note', () => {
    expect(dbfEncoding(dbfWith(gbk, 0x4d), undefined)).toEqual({ label: 'gbk' })
    expect(dbfEncoding(dbfWith(new TextEncoder().encode('西社区')), undefined)).toEqual({ label: 'utf-8' })
    const guessed = dbfEncoding(dbfWith(gbk), undefined)
    expect(guessed.label).toBe('gb18030')
    expect(guessed.note).toMatch(/no \.cpg/)
    expect(new TextDecoder(guessed.label).decode(gbk)).toBe('西社区')
  })
})

describe('AttributeMapper', () => {
  it('knows the names and types each kind reads, from its property reader', () => {
    expect(Object.fromEntries(fieldsOf('households'))).toEqual({
      externalId: 'text',
      address: 'text',
      population: 'integer',
      elderlyAlone: 'flag',
      disabled: 'flag',
      lowIncome: 'flag',
      keyCare: 'flag',
    })
    expect(fieldsOf('incidents').get('reportedAt')).toBe('instant')
  })

  it('maps DBF names cut to 10 characters and names in another case, and reports them', () => {
    const mapper = new AttributeMapper('grids')
    expect(mapper.map({ NAME: '北网格', type: 'comprehensive', communityC: 320924001001, fid: 3 })).toEqual({
      name: '北网格',
      type: 'comprehensive',
      communityCode: '320924001001',
      fid: 3,
    })
    expect([...mapper.renamed]).toEqual([
      ['NAME', 'name'],
      ['communityC', 'communityCode'],
    ])
  })

  it('types text values as the kind reads them and drops empty ones, leaving wrong ones for the checks', () => {
    const mapper = new AttributeMapper('households')
    expect(mapper.map({ externalId: 17, address: '1号', population: '3', elderlyAlo: 1, disabled: 'F', lowIncome: '是', keyCare: null })).toEqual({
      externalId: '17',
      address: '1号',
      population: 3,
      elderlyAlone: true,
      disabled: false,
      lowIncome: true,
    })
    expect(mapper.map({ externalId: 'a', address: '', population: '3.5', elderlyAlone: 'maybe', disabled: Number.NaN })).toEqual({
      externalId: 'a',
      population: '3.5',
      elderlyAlone: 'maybe',
    })
  })
})
