// Multi-grid check and save (topological editing): one reshaped grid and the neighbours whose
// shared vertices moved with it travel together, as PUT /api/grids and POST /api/grids/validate.
import type { BatchValidationReportBody, GridBatchBody } from '../../../../server/schemas/grid-edits.schema';
import type { EditResult } from '../../api/grid-edits-client';
import { request } from '../../api/request';

export type BatchValidationReport = BatchValidationReportBody;
export type GridBatch = GridBatchBody;

// A refusal's details (who changed a stale grid) travel on the ApiError, for the conflict notice.
const send = <T>(method: 'POST' | 'PUT', path: string, json: GridBatch) => request<T>(path, { method, json });

const flag = (avoidOverlaps: boolean) => (avoidOverlaps ? '?avoidOverlaps=true' : '');

export const batchApi = {
  validate: (batch: GridBatch, avoidOverlaps: boolean) => send<BatchValidationReport>('POST', `/api/grids/validate${flag(avoidOverlaps)}`, batch),
  save: (batch: GridBatch, avoidOverlaps: boolean) => send<EditResult>('PUT', `/api/grids${flag(avoidOverlaps)}`, batch),
};
