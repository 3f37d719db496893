// The coverage report of a region (GET /api/coverage): its blind spots, each with a bilingual explanation.
import type { Static } from '@sinclair/typebox';
import type { CoverageResponse } from '../../../server/schemas/coverage.schema';
import { request } from './request';

export type CoverageReport = Static<typeof CoverageResponse>;
export type BlindSpot = CoverageReport['blindSpots']['features'][number];

export const coverageApi = {
  report: (region: string, signal?: AbortSignal) => request<CoverageReport>(`/api/coverage?region=${encodeURIComponent(region)}`, { signal }),
};
