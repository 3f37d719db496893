import { kml } from '@tmcw/togeojson'
import { DOMParser } from '@xmldom/xmldom'
import { pickLayer, tooManyFeatures, unreadableFile, type FileFormat, type FileRead, type ReadLimits } from './file-read'
import { listZip, readZipEntries } from './zip-entries'

/**
 * Reads KML (always WGS 84 longitude, latitude: the KML 2.2 standard has no other CRS) with
 * togeojson over xmldom, and KMZ, its zipped form, from the archive's main .kml. Every Placemark
 * becomes a Feature; its <name> and ExtendedData become properties (text, which
 * file-attributes.ts types).
 */
function parseXml(text: string, format: FileFormat) {
  // KML needs no DTD; refusing one keeps entity expansion (a "billion laughs") out entirely.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw unreadableFile(format, 'it has a DOCTYPE or ENTITY declaration, which KML does not use')
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message)
      },
    }).parseFromString(text, 'text/xml')
    if (doc.documentElement?.localName !== 'kml') throw new Error(`the root element is <${doc.documentElement?.localName ?? ''}>, not <kml>`)
    return doc
  } catch (error) {
    throw unreadableFile(
      format,
      `it is not well-formed KML (${String((error as Error).message)
        .split('\n')[0]
        .slice(0, 200)})`,
    )
  }
}

/** A MultiGeometry of polygons arrives as a GeometryCollection: it is the MultiPolygon it means. */
function simplify(geometry: unknown): unknown {
  const g = geometry as { type?: string; geometries?: { type?: string; coordinates?: unknown }[] } | null
  if (g?.type !== 'GeometryCollection' || !g.geometries?.length) return geometry
  if (g.geometries.every((part) => part.type === 'Polygon' || part.type === 'MultiPolygon')) {
    return {
      type: 'MultiPolygon',
      coordinates: g.geometries.flatMap((part) => (part.type === 'Polygon' ? [part.coordinates] : (part.coordinates as unknown[]))),
    }
  }
  return geometry
}

function readKmlText(text: string, format: FileFormat, limits: ReadLimits): FileRead {
  const doc = parseXml(text, format)
  const placemarks = doc.getElementsByTagName('Placemark').length
  if (placemarks > limits.maxFeatures) throw tooManyFeatures(limits.maxFeatures, placemarks)
  let collection: ReturnType<typeof kml>
  try {
    collection = kml(doc)
  } catch (error) {
    throw unreadableFile(format, `its placemarks cannot be read (${(error as Error).message})`)
  }
  const features = collection.features.map((feature) => ({ type: 'Feature', geometry: simplify(feature.geometry), properties: feature.properties ?? {} }))
  return { features, crs: 'EPSG:4326', notes: [] }
}

export function readKml(bytes: Uint8Array, limits: ReadLimits): FileRead {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw unreadableFile('kml', 'it is not UTF-8 text, as KML must be')
  }
  return readKmlText(text, 'kml', limits)
}

/** KMZ: the archive's doc.kml, else its only (or first, at the top level) .kml. */
export function readKmz(zip: Uint8Array, limits: ReadLimits): FileRead {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw unreadableFile('kmz', 'it is not a zip archive')
  const kmls = listZip(zip).filter((entry) => /\.kml$/i.test(entry.name) && !entry.name.includes('__MACOSX'))
  const main = kmls.find((entry) => entry.name.toLowerCase() === 'doc.kml') ?? kmls.sort((a, b) => a.name.split('/').length - b.name.split('/').length)[0]
  if (!main) throw unreadableFile('kmz', 'the archive holds no .kml')
  if (limits.layer !== undefined) pickLayer('kmz', [main.name], limits.layer)
  const bytes = readZipEntries(zip, [main], limits.maxUnzippedBytes).get(main)!
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw unreadableFile('kmz', `its ${main.name} is not UTF-8 text, as KML must be`)
  }
  return { ...readKmlText(text, 'kmz', limits), layer: main.name }
}
