import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '../../../server/domain/vocabulary'
import {
  decodeIncidentPoints,
  encodeIncidentPoints,
  FLAG_OVERDUE,
  pointsByteLength,
  POINTS_HEADER_BYTES,
  type IncidentPoint,
} from '../../../server/domain/points-layout'

const f32 = (x: number) => Math.fround(x)

/** What the decoder gives back for one incident, as plain values. */
function decoded(buffer: ArrayBufferLike, byteOffset = 0, byteLength?: number): IncidentPoint[] {
  const d = decodeIncidentPoints(buffer, byteOffset, byteLength)
  return Array.from({ length: d.count }, (_, i) => ({
    id: d.ids[i],
    lng: d.lngLat[2 * i],
    lat: d.lngLat[2 * i + 1],
    time: d.times[i],
    category: INCIDENT_CATEGORIES[d.categories[i]],
    status: INCIDENT_STATUSES[d.statuses[i]],
    overdue: (d.flags[i] & FLAG_OVERDUE) !== 0,
  }))
}

const incident = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  time: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  category: fc.constantFrom(...INCIDENT_CATEGORIES),
  status: fc.constantFrom(...INCIDENT_STATUSES),
  overdue: fc.boolean(),
})

describe('the binary incident points layout', () => {
  it('reads back every field the server wrote (positions at Float32 precision), in order', () => {
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 200 }), (points) => {
        const bytes = encodeIncidentPoints(points)
        expect(bytes.byteLength).toBe(pointsByteLength(points.length))
        expect(decoded(bytes.buffer)).toEqual(points.map((p) => ({ ...p, lng: f32(p.lng), lat: f32(p.lat) })))
      }),
    )
  })

  it('is 16 bytes of header and 19 bytes per incident, with the magic and version first', () => {
    const bytes = encodeIncidentPoints([{ id: 7, lng: 120.23, lat: 33.77, time: 1_790_000_000, category: 'traffic', status: 'closed', overdue: true }])
    expect(bytes.byteLength).toBe(POINTS_HEADER_BYTES + 19)
    expect([...bytes.subarray(0, 12)]).toEqual([0x57, 0x47, 0x49, 0x50, 1, 0, 0, 0, 1, 0, 0, 0])
    // The category and status codes are the vocabularies' indexes.
    expect([...bytes.subarray(16 + 16, 16 + 19)]).toEqual([INCIDENT_CATEGORIES.indexOf('traffic'), INCIDENT_STATUSES.indexOf('closed'), FLAG_OVERDUE])
  })

  it('reads a buffer that starts at an odd offset inside a larger one (as a socket chunk may)', () => {
    const points: IncidentPoint[] = [{ id: 1, lng: 120.5, lat: 33.25, time: 100, category: 'dispute', status: 'reported', overdue: false }]
    const bytes = encodeIncidentPoints(points)
    const padded = new Uint8Array(bytes.byteLength + 3)
    padded.set(bytes, 3)
    expect(decoded(padded.buffer, 3, bytes.byteLength)).toEqual(points)
  })

  it('refuses what it did not write: another magic, another version, a cut-off buffer', () => {
    const good = encodeIncidentPoints([{ id: 1, lng: 0, lat: 0, time: 0, category: 'dispute', status: 'reported', overdue: false }])
    const bad = (patch: (b: Uint8Array) => Uint8Array) => () => decodeIncidentPoints(patch(good.slice()).slice().buffer)
    expect(
      bad((b) => {
        b[0] = 0x58
        return b
      }),
    ).toThrow(/magic "XGIP"/)
    expect(
      bad((b) => {
        b[4] = 2
        return b
      }),
    ).toThrow(/version 2/)
    expect(bad((b) => b.subarray(0, b.byteLength - 1))).toThrow(/34 bytes for 1 incidents, expected 35/)
    expect(bad((b) => b.subarray(0, 8))).toThrow(/shorter than the header/)
  })

  it('refuses to encode a category or status outside the vocabularies', () => {
    expect(() => encodeIncidentPoints([{ id: 3, lng: 0, lat: 0, time: 0, category: 'weather' as never, status: 'closed', overdue: false }])).toThrow(
      /incident 3/,
    )
  })
})
