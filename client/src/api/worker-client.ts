// The grid worker's API (docs/field-work.md): typed reads, and the writes as outbox entries. Writes
// are never sent from here directly: they go through the outbox, which stores them first.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Static } from '@sinclair/typebox';
import type {
  WorkerHouseholds as HouseholdsSchema,
  WorkerMe as WorkerMeSchema,
  WorkerTask as WorkerTaskSchema,
} from '../../../server/schemas/field-work.schema';
import { request } from './request';
import type { OutboxInput } from './outbox';

export interface WorkerGridProperties {
  id: number;
  code: string;
  name: string;
  communityCode: string;
}
export type WorkerGrids = FeatureCollection<Polygon | MultiPolygon, WorkerGridProperties>;

export interface WorkerMe {
  worker: { id: number; name: string; phone: string | null; role: string | null };
  grids: WorkerGrids;
}

export interface TaskProperties {
  id: number;
  category: string;
  source: string;
  priority: string;
  status: string;
  description: string;
  gridId: number | null;
  gridCode: string | null;
  reportedAt: string;
  dispatchedAt: string | null;
  deadlineAt: string | null;
  handledAt: string | null;
  assigneeId?: number | null;
  assigneeName?: string | null;
  acknowledgedAt?: string | null;
  /** The note of the last `return`, when the task came back from 核查. */
  returnReason?: string | null;
  photos?: { id: number; stage: string }[];
}
export type WorkerTask = Feature<Point, TaskProperties>;

export interface Household {
  id: number;
  externalId: string | null;
  address: string;
  gridId: number | null;
  lng: number;
  lat: number;
}

export interface PhotoData {
  data: string;
}

export type LngLat = [number, number];

const getJson = <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal });

export const workerApi = {
  me: (signal?: AbortSignal) => getJson<WorkerMe>('/api/worker/me', signal),
  tasks: async (signal?: AbortSignal) => (await getJson<{ tasks: WorkerTask[] }>('/api/worker/tasks', signal)).tasks,
  households: async (signal?: AbortSignal) => (await getJson<{ households: Household[] }>('/api/worker/households', signal)).households,
};

/** The API's longest description; longer text is cut rather than refused after a day offline. */
export const DESCRIPTION_MAX = 2000;

/** The writes, as the outbox stores and sends them. Pure: unit-tested. */
export const workerWrites = {
  /** A problem found on patrol, where the phone is. An empty description becomes the category's name (the API needs one). */
  report(input: { category: string; categoryName: string; description: string; at: LngLat; photos?: PhotoData[] }): OutboxInput {
    const description = (input.description.trim() || input.categoryName).slice(0, DESCRIPTION_MAX);
    const body: Record<string, unknown> = {
      category: input.category,
      source: 'patrol',
      description,
      location: { type: 'Point', coordinates: [round7(input.at[0]), round7(input.at[1])] },
    };
    if (input.photos && input.photos.length > 0) body.photos = input.photos;
    return { kind: 'report', label: input.categoryName, request: { method: 'POST', path: '/api/incidents', body } };
  },

  acknowledge(taskId: number, label = ''): OutboxInput {
    return { kind: 'acknowledge', taskId, label, request: { method: 'PATCH', path: `/api/incidents/${taskId}`, body: { action: 'acknowledge' } } };
  },

  handle(taskId: number, note: string, photos: PhotoData[] = [], label = ''): OutboxInput {
    const body: Record<string, unknown> = { action: 'handle', note: note.trim().slice(0, DESCRIPTION_MAX) };
    if (photos.length > 0) body.photos = photos;
    return { kind: 'handle', taskId, label, request: { method: 'PATCH', path: `/api/incidents/${taskId}`, body } };
  },

  patrol(input: { startedAt: string; endedAt: string; track: LineString }, label = ''): OutboxInput {
    return { kind: 'patrol', label, request: { method: 'POST', path: '/api/worker/patrols', body: input } };
  },

  /** visitedAt is when the visit was logged on the phone, not when the queue got it to the server. */
  visit(input: { householdId: number; note: string; visitedAt: string }, label = ''): OutboxInput {
    const body: Record<string, unknown> = { householdId: input.householdId, visitedAt: input.visitedAt };
    const note = input.note.trim();
    if (note) body.note = note.slice(0, DESCRIPTION_MAX);
    return { kind: 'visit', label, request: { method: 'POST', path: '/api/worker/visits', body } };
  },
};

/** Seven decimals (~1 cm) are all a phone's fix is worth. */
function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** Compile-time check that the server's answers fit what this client reads: an error here means the contract moved. */
type Fits<A extends B, B> = A;
export type ServerShapesFit = [
  Fits<Static<typeof WorkerTaskSchema>['properties'], TaskProperties>,
  Fits<Static<typeof HouseholdsSchema>['households'][number], Household>,
  Fits<Static<typeof WorkerMeSchema>['worker'], WorkerMe['worker']>,
  Fits<Static<typeof WorkerMeSchema>['grids']['features'][number]['properties'], WorkerGridProperties>,
];
