// Typed calls of the grid editing API. Shapes come from the server's TypeBox schemas.
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { EditResultBody, HistoryResponseBody, ValidationReportBody } from '../../../server/schemas/grid-edits.schema';
import { request, type Method } from './request';

export type ValidationReport = ValidationReportBody;
export type EditResult = EditResultBody;
export type GridHistory = HistoryResponseBody;
export type SplitMergePreview = EditResultBody & { dryRun: true; sizeNorms: { code: string; sizeNorm: ValidationReportBody['sizeNorm'] }[] };

export interface GridDraft {
  geometry: Polygon | MultiPolygon;
  id?: number;
  version?: number;
  communityCode?: string;
  name?: string;
  reason?: string;
}

const call = <T>(method: Method, path: string, json?: unknown, signal?: AbortSignal) => request<T>(path, { method, json, signal });

const feature = ({ geometry, ...properties }: GridDraft) => ({ type: 'Feature', geometry, properties });
const flag = (avoidOverlaps: boolean) => (avoidOverlaps ? '?avoidOverlaps=true' : '');

export const gridEditsApi = {
  validate: (draft: GridDraft, avoidOverlaps: boolean, signal?: AbortSignal) =>
    call<ValidationReport>('POST', `/api/grids/validate${flag(avoidOverlaps)}`, feature(draft), signal),
  create: (draft: GridDraft, avoidOverlaps: boolean) => call<EditResult>('POST', `/api/grids${flag(avoidOverlaps)}`, feature(draft)),
  update: (id: number, draft: GridDraft, avoidOverlaps: boolean) => call<EditResult>('PUT', `/api/grids/${id}${flag(avoidOverlaps)}`, feature(draft)),
  remove: (id: number, version: number, reason?: string) =>
    call<EditResult>('DELETE', `/api/grids/${id}?version=${version}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`),
  split: (id: number, line: LineString, version: number, reason: string | undefined, dryRun: boolean, signal?: AbortSignal) =>
    call<EditResult | SplitMergePreview>('POST', `/api/grids/${id}/split${dryRun ? '?dryRun=true' : ''}`, { line, version, reason }, signal),
  merge: (ids: number[], versions: number[], reason: string | undefined, dryRun: boolean, signal?: AbortSignal) =>
    call<EditResult | SplitMergePreview>('POST', `/api/grids/merge${dryRun ? '?dryRun=true' : ''}`, { ids, versions, reason }, signal),
  history: (id: number, signal?: AbortSignal) => call<GridHistory>('GET', `/api/grids/${id}/history`, undefined, signal),
  revert: (id: number, toVersion: number, version: number, reason?: string) =>
    call<EditResult>('POST', `/api/grids/${id}/revert`, { toVersion, version, reason }),
};
