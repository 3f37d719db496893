// Every refusal the reports API can give, as a message a resident understands and the field it is
// about. The server's own message is English and for developers; it is never shown.
import { ApiError } from '../../api/http-client';
import type { MessageKey } from '../../i18n/zh-CN';
import type { MessageParams } from '../../i18n/lang';
import type { DraftField } from './report-form';

export interface Refusal {
  key: MessageKey;
  params?: MessageParams;
  /** The form field the refusal is about, when there is one: the message is shown beside it too. */
  field?: DraftField;
  /** Which photo (0-based) a photo refusal is about, when the server said. */
  photoIndex?: number;
}

type Detailed = ApiError & { details?: unknown };

function retryAfterSeconds(details: unknown): number | null {
  const value = (details as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * The parameter a refusal is about: the server's own `details.parameter` (`phone`, `photos/1`), or
 * the path of a schema validation issue (`/body/phone`).
 */
function parameterOf(details: unknown): string | null {
  const parameter = (details as { parameter?: unknown } | null | undefined)?.parameter;
  if (typeof parameter === 'string') return parameter;
  if (Array.isArray(details)) {
    for (const issue of details) {
      const path = (issue as { path?: unknown } | null)?.path;
      if (typeof path === 'string' && fieldOf(path)) return path;
    }
  }
  return null;
}

function fieldOf(parameter: string | null): DraftField | null {
  const name = /(?:^|[/.])(category|description|location|phone|photos)(?:$|[/.[])/.exec(parameter ?? '')?.[1];
  return (name as DraftField | undefined) ?? null;
}

function photoIndexOf(parameter: string | null): number | undefined {
  const index = /photos[/.[](\d+)/.exec(parameter ?? '')?.[1];
  return index === undefined ? undefined : Number(index);
}

function photoRefusal(key: MessageKey, parameter: string | null): Refusal {
  const photoIndex = photoIndexOf(parameter);
  return photoIndex === undefined ? { key, field: 'photos' } : { key, field: 'photos', photoIndex };
}

const FIELD_REFUSALS: Record<DraftField, MessageKey> = {
  category: 'report.problem.category',
  description: 'report.refusal.description',
  location: 'report.problem.location',
  phone: 'report.problem.phone',
  photos: 'report.refusal.photos',
};

/** No answer came back at all: the request may or may not have been carried out. */
export function isNoAnswer(error: unknown): boolean {
  return !(error instanceof ApiError);
}

export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiError)) return { key: 'report.refusal.network' };
  const { status, code, details } = error as Detailed;
  const parameter = parameterOf(details);
  switch (code) {
    case 'too_many_reports': {
      const seconds = retryAfterSeconds(details);
      return seconds === null
        ? { key: 'report.refusal.tooManyLater' }
        : { key: 'report.refusal.tooMany', params: { minutes: Math.max(1, Math.ceil(seconds / 60)) } };
    }
    case 'spam_suspected':
      return { key: 'report.refusal.spam' };
    case 'photo_too_large':
      return photoRefusal('report.refusal.photoTooLarge', parameter);
    case 'photo_type':
      return photoRefusal('report.refusal.photoType', parameter);
    case 'photo_unreadable':
    case 'photo_encoding':
      return photoRefusal('report.refusal.photos', parameter);
    case 'invalid_phone':
      return { key: 'report.problem.phone', field: 'phone' };
    case 'outside_regions':
      return { key: 'report.refusal.outside', field: 'location' };
    case 'payload_too_large':
      return { key: 'report.refusal.tooBig', field: 'photos' };
    case 'request_in_progress':
      return { key: 'report.refusal.inProgress' };
    case 'not_found':
      return { key: 'report.refusal.notFound' };
    case 'not_closed':
      return { key: 'report.refusal.notClosed' };
    case 'already_rated':
      return { key: 'report.refusal.alreadyRated' };
  }
  if (status === 429) return { key: 'report.refusal.tooManyLater' };
  if (status === 400 || status === 422) {
    const field = fieldOf(parameter);
    if (field === 'photos') return photoRefusal(FIELD_REFUSALS.photos, parameter);
    return field ? { key: FIELD_REFUSALS[field], field } : { key: 'report.refusal.invalid' };
  }
  if (status === 413) return { key: 'report.refusal.tooBig', field: 'photos' };
  if (status === 415) return photoRefusal('report.refusal.photoType', parameter);
  if (status === 404) return { key: 'report.refusal.notFound' };
  if (status >= 500) return { key: 'report.refusal.server' };
  return { key: 'report.refusal.unknown', params: { status } };
}
