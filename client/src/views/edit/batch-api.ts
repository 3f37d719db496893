// Multi-grid check and save (topological editing): one reshaped grid and the neighbours whose
// shared vertices moved with it travel together, as PUT /api/grids and POST /api/grids/validate.
import type { BatchValidationReportBody, GridBatchBody } from '../../../../server/schemas/grid-edits.schema';
import type { EditResult } from '../../api/grid-edits-client';
import { errorFrom } from '../../api/http-client';

export type BatchValidationReport = BatchValidationReportBody;
export type GridBatch = GridBatchBody;

async function send<T>(method: 'POST' | 'PUT', path: string, body: GridBatch): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.ok) return (await res.json()) as T;
  // The error's details (who changed a stale grid) are kept for the conflict notice.
  throw await errorFrom(path, res, method);
}

const flag = (avoidOverlaps: boolean) => (avoidOverlaps ? '?avoidOverlaps=true' : '');

export const batchApi = {
  validate: (batch: GridBatch, avoidOverlaps: boolean) => send<BatchValidationReport>('POST', `/api/grids/validate${flag(avoidOverlaps)}`, batch),
  save: (batch: GridBatch, avoidOverlaps: boolean) => send<EditResult>('PUT', `/api/grids${flag(avoidOverlaps)}`, batch),
};
