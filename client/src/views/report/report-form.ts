// What a resident fills in on /report, checked before it is sent and turned into the API's body.
// The server checks everything again; these checks only spare a round trip and say what to fix
// next to the field that needs it.
import type { MessageKey } from '../../i18n/zh-CN';
import type { NewReport, ReportCategory } from '../../api/reports-client';
import { PHOTOS_MAX, type PhotoUpload } from '../../shared/photo-upload';

/** In the order a resident scans them: everyday nuisances first, emergencies last (and set apart). */
export const REPORT_CATEGORIES: readonly ReportCategory[] = [
  'environment',
  'facility',
  'traffic',
  'safety_hazard',
  'illegal_construction',
  'dispute',
  'public_service',
  'emergency',
];

/** "路灯坏了" is a whole report in four characters; fewer rarely says what is wrong. */
export const DESCRIPTION_MIN = 4;
export const DESCRIPTION_MAX = 2000;
/**
 * Digits, spaces and `-`, 5–20 characters, a `+` only in front, a digit first and last: the
 * server's own rule (the contract's "digits, spaces, +, -, 5–20 characters", read strictly).
 */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{3,18}[0-9]$/;

export type LngLat = [number, number];

export interface ReportDraft {
  category: ReportCategory | null;
  description: string;
  location: LngLat | null;
  phone: string;
  photos: PhotoUpload[];
  /** The honeypot: people never see it, so only a bot fills it. Sent as it is. */
  website: string;
}

export const EMPTY_DRAFT: ReportDraft = { category: null, description: '', location: null, phone: '', photos: [], website: '' };

export type DraftField = 'category' | 'description' | 'location' | 'phone' | 'photos';
export type DraftProblems = Partial<Record<DraftField, MessageKey>>;

/** The order fields appear on the page: the first problem in it is where focus goes. */
export const FIELD_ORDER: readonly DraftField[] = ['category', 'description', 'location', 'photos', 'phone'];

/** Characters as a person counts them (a Chinese character or an emoji is one). */
export function textLength(text: string): number {
  return [...text.trim()].length;
}

export function validateDraft(draft: ReportDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (!draft.category) problems.category = 'report.problem.category';
  const length = textLength(draft.description);
  if (length === 0) problems.description = 'report.problem.descriptionEmpty';
  else if (length < DESCRIPTION_MIN) problems.description = 'report.problem.descriptionShort';
  else if (length > DESCRIPTION_MAX) problems.description = 'report.problem.descriptionLong';
  if (!draft.location || !isLngLat(draft.location)) problems.location = 'report.problem.location';
  const phone = draft.phone.trim();
  if (phone && !PHONE_PATTERN.test(phone)) problems.phone = 'report.problem.phone';
  if (draft.photos.length > PHOTOS_MAX) problems.photos = 'report.problem.photosTooMany';
  return problems;
}

export function firstProblem(problems: DraftProblems): DraftField | null {
  return FIELD_ORDER.find((f) => problems[f]) ?? null;
}

function isLngLat([lng, lat]: LngLat): boolean {
  return Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
}

/** Six decimals are ~0.1 m: finer than any phone's GPS, and no longer than it needs to be. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The POST /api/reports body of a valid draft. Optional parts are left out when empty; the
 * honeypot is always sent, empty for people.
 */
export function reportBody(draft: ReportDraft): NewReport {
  if (!draft.category || !draft.location) throw new Error('reportBody() needs a validated draft');
  const body: NewReport = {
    category: draft.category,
    description: draft.description.trim(),
    location: { type: 'Point', coordinates: [roundCoordinate(draft.location[0]), roundCoordinate(draft.location[1])] },
    website: draft.website,
  };
  const phone = draft.phone.trim();
  if (phone) body.phone = phone;
  if (draft.photos.length > 0) body.photos = draft.photos.map((p) => ({ data: p.data }));
  return body;
}

/** "120.260100, 33.771200" style figures for the page (WGS-84 degrees, 5 decimals ≈ 1 m). */
export function formatLngLat([lng, lat]: LngLat): { lng: string; lat: string } {
  return { lng: lng.toFixed(5), lat: lat.toFixed(5) };
}
