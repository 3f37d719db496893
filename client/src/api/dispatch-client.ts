// Typed calls of the command centre's console (/dispatch): the queue, one incident with its
// photos, the workers it can go to, and lifecycle actions (docs/field-work.md). Shapes come from
// the server's TypeBox schemas where they exist; the field-work additions are typed here from the
// contract until the schemas carry them.
import type { Static } from '@sinclair/typebox';
import type { CandidateList } from '../../../server/schemas/field-work.schema';
import type { IncidentDetail as IncidentDetailSchema, IncidentProperties as IncidentPropertiesSchema } from '../../../server/schemas/incidents.schema';
import type { PatchBody } from '../views/dispatch/dispatch-actions';
import { request } from './request';

/** What field work adds to every incident (assignee) and to one incident's detail (photos). */
interface FieldWork {
  assigneeId?: number | null;
  assigneeName?: string | null;
  acknowledgedAt?: string | null;
  returnReason?: string | null;
}
export interface IncidentPhoto {
  id: number;
  stage: string;
}

export type QueueIncidentProperties = Static<typeof IncidentPropertiesSchema> & FieldWork;
export interface QueueIncident {
  type: 'Feature';
  id?: number | string;
  geometry: { type: 'Point'; coordinates: number[] };
  properties: QueueIncidentProperties;
}
export interface QueueCollection {
  type: 'FeatureCollection';
  features: QueueIncident[];
  numberMatched: number;
  numberReturned: number;
}

type DetailSchema = Static<typeof IncidentDetailSchema>;
export type DispatchIncidentDetail = Omit<DetailSchema, 'properties'> & {
  properties: DetailSchema['properties'] & FieldWork & { photos?: IncidentPhoto[] };
};
export type TimelineEntry = DetailSchema['properties']['timeline'][number];

export type CandidatesResponse = Static<typeof CandidateList>;
export type Candidate = CandidatesResponse['candidates'][number];

/**
 * A 403 on a read normally tells the session that this role may not see the view at all; here it
 * only means "not this incident" (a supervisor outside their regions), so it is the caller's, as a
 * write's would be. A 401 still ends the session.
 */
const getJson = <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal, authEvents: '401-only' });

/** A key per intended write: a double click or a retry after a lost answer is carried out once. */
export function idempotencyKey(): string {
  return `dispatch-${crypto.randomUUID()}`;
}

export const dispatchApi = {
  /** `qs` from queueQuery (without `?`). */
  queue: (qs: string, signal?: AbortSignal) => getJson<QueueCollection>(`/api/incidents?${qs}`, signal),
  detail: (id: number, signal?: AbortSignal) => getJson<DispatchIncidentDetail>(`/api/incidents/${id}`, signal),
  candidates: (id: number, signal?: AbortSignal) => getJson<CandidatesResponse>(`/api/incidents/${id}/candidates`, signal),
  act: (id: number, body: PatchBody, key: string = idempotencyKey()) =>
    request<DispatchIncidentDetail>(`/api/incidents/${id}`, { method: 'PATCH', json: body, idempotencyKey: key }),
  photoUrl: (id: number, photoId: number, size: 'thumb' | 'full') => `/api/incidents/${id}/photos/${photoId}${size === 'thumb' ? '?size=thumb' : ''}`,
  eventsUrl: () => '/api/events',
};
