// Typed calls of the residents' reports API (docs/field-work.md, "Residents (public)"). Public: no
// login, no session header. Refusals come back as ApiError with the server's code and details.
// Shapes come from the server's TypeBox schemas.
import type { Static } from '@sinclair/typebox';
import type { PublicReportBody, RatingBodyType, ReportCreateBody, ReportCreated } from '../../../server/schemas/reports.schema';
import { request, type FetchLike } from './request';

export type NewReport = ReportCreateBody;
export type ReportCategory = ReportCreateBody['category'];
export type ReportReceipt = Static<typeof ReportCreated>;
/** What a resident may see of their report: no officials' names, no phone, no photos. */
export type ReportStatus = PublicReportBody;
export type ReportTimelineEntry = PublicReportBody['timeline'][number];
export type NewRating = RatingBodyType;

export interface ReportsClient {
  create(body: NewReport, idempotencyKey?: string): Promise<ReportReceipt>;
  get(code: string, signal?: AbortSignal): Promise<ReportStatus>;
  rate(code: string, body: NewRating, idempotencyKey?: string): Promise<ReportStatus>;
}

export function reportPath(code: string): string {
  return `/api/reports/${encodeURIComponent(code)}`;
}

/** `baseUrl` is empty in the browser (same origin) and absolute in tests. */
export function createReportsClient(baseUrl = '', fetchImpl?: FetchLike): ReportsClient {
  const call = <T>(method: 'GET' | 'POST', path: string, json?: unknown, idempotencyKey?: string, signal?: AbortSignal) =>
    request<T>(path, { method, json, idempotencyKey, signal, baseUrl, fetch: fetchImpl });
  return {
    create: (body, key) => call<ReportReceipt>('POST', '/api/reports', body, key),
    get: (code, signal) => call<ReportStatus>('GET', reportPath(code), undefined, undefined, signal),
    rate: (code, body, key) => call<ReportStatus>('POST', `${reportPath(code)}/rating`, body, key),
  };
}

export const reportsApi: ReportsClient = createReportsClient();

/** A fresh Idempotency-Key (8–100 characters): one per write, reused only to resend that write. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return `report-${crypto.randomUUID()}`;
  return `report-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
