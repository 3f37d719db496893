// A GeoReport v2 POST (requests.json / requests.xml), as a form, JSON or multipart with a `media`
// photo: what it asks for, where it is, and the resident's details kept beside it. Where: lat/long
// as sent, else the address_id or address_string looked up in the household register. An address
// the register does not know is refused (400) rather than kept without a position: every incident
// is placed in a county and a grid by its point (county_code, grid_id, tiles, coverage, stats, OGC,
// the dispatch queue), and a point-less incident would be a special case in each of them.
import type { Queryable } from '../../db/database'
import { isRegionCode } from '../../domain/region-code'
import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../domain/vocabulary'
import { open311Repository, type Open311Contact } from '../../repositories/open311.repository'
import { REPORT_DESCRIPTION_MAX } from '../reports/citizen-reports.service'
import { ADDRESS_NOTE, Open311Error, serviceName } from './open311'

export interface NewServiceRequest {
  category: IncidentCategory
  description: string
  phone: string | null
  /** As sent; null when the address is to be looked up. */
  position: { lng: number; lat: number } | null
  contact: Open311Contact
  /** Photo files of a multipart POST, as base64 for the one photo path residents' reports take. */
  photos: { data: string }[]
  jurisdictionId: string | null
}

/** Farther apart than this, households sharing an address are not one building: the address is ambiguous. */
export const ADDRESS_SPREAD_MAX_M = 150

// The schema's cap on any text field; the description's real limit is checked with the address note.
const DESCRIPTION_FIELD_MAX = 5000

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function optionalText(body: Record<string, unknown>, name: string, max: number): string | null {
  const raw = body[name]
  if (raw === undefined || raw === null) return null
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new Open311Error(400, `${name}: must be text`)
  const value = String(raw).trim()
  if (value.length > max) throw new Open311Error(400, `${name}: at most ${max} characters`)
  return value || null
}

function mediaUrl(raw: string | null): string | null {
  if (raw === null) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Open311Error(400, `media_url: "${raw}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Open311Error(400, 'media_url: only http and https URLs')
  return url.href
}

function mediaFiles(raw: unknown): { data: string }[] {
  if (raw === undefined) return []
  const files = Array.isArray(raw) ? raw : [raw]
  if (!files.every((file) => Buffer.isBuffer(file))) throw new Open311Error(400, 'media: a photo file in a multipart/form-data POST (or a media_url)')
  return (files as Buffer[]).map((file) => ({ data: file.toString('base64') }))
}

function position(latText: string | null, longText: string | null): { lng: number; lat: number } | null {
  if (latText === null && longText === null) return null
  if (latText === null || longText === null) throw new Open311Error(400, 'lat and long: both or neither (then address_string or address_id)')
  const lat = Number(latText)
  const lng = Number(longText)
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180) {
    throw new Open311Error(400, `lat/long: "${latText}", "${longText}" is not a WGS84 position`)
  }
  return { lng, lat }
}

/** A POST body's category, place and resident, or the reason it cannot become an incident (nothing is written). */
export function parseNewRequest(body: Record<string, unknown>): NewServiceRequest {
  const code = optionalText(body, 'service_code', 100)
  if (!code) throw new Open311Error(400, 'service_code: required')
  if (!(INCIDENT_CATEGORIES as readonly string[]).includes(code)) throw new Open311Error(400, `service_code: unknown ${code}`)
  const category = code as IncidentCategory
  const address = optionalText(body, 'address_string', 500)
  const addressId = optionalText(body, 'address_id', 200)
  const at = position(optionalText(body, 'lat', 40), optionalText(body, 'long', 40))
  if (!at && !address && !addressId) throw new Open311Error(400, 'lat and long, address_string or address_id: one of them is required')
  const email = optionalText(body, 'email', 254)
  if (email !== null && !EMAIL.test(email)) throw new Open311Error(400, `email: "${email}" is not an e-mail address`)
  const description =
    [optionalText(body, 'description', DESCRIPTION_FIELD_MAX), address && `${ADDRESS_NOTE}${address}）`].filter(Boolean).join(' ') || serviceName(category)
  // One limit for every way a resident's words arrive (/report and the API take as much).
  if (description.length > REPORT_DESCRIPTION_MAX)
    throw new Open311Error(400, `description: longer than ${REPORT_DESCRIPTION_MAX} characters (with the address)`)
  return {
    category,
    description,
    phone: optionalText(body, 'phone', 40),
    position: at,
    contact: {
      firstName: optionalText(body, 'first_name', 100),
      lastName: optionalText(body, 'last_name', 100),
      email,
      address,
      addressId,
      mediaUrl: mediaUrl(optionalText(body, 'media_url', 2000)),
    },
    photos: mediaFiles(body.media),
    jurisdictionId: optionalText(body, 'jurisdiction_id', 100),
  }
}

/** A jurisdiction_id that is one of our region codes narrows the address search; any other names the one jurisdiction we serve. */
const regionCodeOf = (jurisdictionId: string | null) => (jurisdictionId && isRegionCode(jurisdictionId) ? jurisdictionId : undefined)

/** The request's point: as sent, or its address_id, else its address_string, found in the household register. */
export async function locateNewRequest(db: Queryable, request: NewServiceRequest): Promise<{ lng: number; lat: number }> {
  if (request.position) return request.position
  const { address, addressId } = request.contact
  const regionCode = regionCodeOf(request.jurisdictionId)
  const repo = open311Repository(db)
  const match =
    (addressId ? await repo.locateAddress({ addressId, regionCode }) : undefined) ?? (address ? await repo.locateAddress({ address, regionCode }) : undefined)
  const asked = [addressId && `address_id "${addressId}"`, address && `address_string "${address}"`].filter(Boolean).join(' / ')
  if (!match) throw new Open311Error(400, `address_not_found: no registered household at ${asked}; send lat and long`)
  if (match.spreadM > ADDRESS_SPREAD_MAX_M) {
    throw new Open311Error(
      400,
      `address_ambiguous: ${asked} matches ${match.households} households up to ${Math.round(match.spreadM)} m apart; send lat and long`,
    )
  }
  return { lng: match.lng, lat: match.lat }
}
