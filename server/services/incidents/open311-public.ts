// What Open311 reads publish, and to whom. GeoReport v2 reads need no key, but our incidents
// include supervisors' and grid workers' own records (独居老人, addresses, phone numbers) that
// /api/incidents shows only to readers. So an anonymous caller gets residents' own reports only,
// each coarsened; a client app's api_key or a reader's session gets what /api/incidents shows.
import type { Queryable } from '../../db/database'
import type { IncidentSource } from '../../domain/vocabulary'
import { ACCESS_ROLES } from '../../plugins/access-policy'
import { open311Repository, type ServiceRequestRow } from '../../repositories/open311.repository'
import type { User } from '../../repositories/users.repository'
import { redactContacts } from '../privacy'
import { Open311Error, serviceRequest, withoutAddressNote } from './open311'

export type Open311View = 'public' | 'full'

/**
 * Sources whose requests the public sees: what residents sent themselves (/report, Open311 POST).
 * Hotline tickets are written up by operators with the caller's details, patrol and video ones are
 * the grid's own work, higher-level ones are official correspondence.
 */
export const PUBLIC_SOURCES: readonly IncidentSource[] = ['resident']

/** 0.001° is about 110 m north–south and 95 m east–west here: the street, not the doorstep. */
const PUBLIC_DECIMALS = 3
const coarse = (degrees: number) => Math.round(degrees * 10 ** PUBLIC_DECIMALS) / 10 ** PUBLIC_DECIMALS

/**
 * The view a caller gets. A key that is sent must be a live one: a revoked key answering with the
 * public view would hide the revocation from the client app.
 */
export async function open311ViewOf(db: Queryable, user: User | null, apiKey: string | undefined): Promise<Open311View> {
  if (apiKey) {
    if (!(await open311Repository(db).clientByKey(apiKey))) throw new Open311Error(403, 'api_key: unknown or revoked')
    return 'full'
  }
  return user && ACCESS_ROLES.read.includes(user.role) ? 'full' : 'public'
}

/**
 * A resident's request as anyone may see it: no address or address id, no contact numbers, no
 * media_url (a photo of a doorway is as telling as the address), a coarse position.
 */
export function publicServiceRequest(row: ServiceRequestRow) {
  const full = serviceRequest(row)
  const description = redactContacts(withoutAddressNote(row.description)) || full.service_name
  return { ...full, description, address: null, address_id: null, media_url: null, lat: coarse(row.lat), long: coarse(row.lng) }
}

export const serviceRequestIn = (view: Open311View) => (view === 'full' ? serviceRequest : publicServiceRequest)
