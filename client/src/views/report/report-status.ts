// How a report's progress reads to the resident who made it: the steps of the 数字城管 loop they
// can follow, and plain names for the server's statuses, timeline events and ratings.
import { INCIDENT_CATEGORIES } from '../../../../server/domain/vocabulary';
import type { MessageKey } from '../../i18n/zh-CN';

/** The steps a report goes through when nothing goes wrong (上报 → 立案 → 派遣 → 处置 → 核查 → 结案). */
export const STATUS_STEPS = ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'closed'] as const;
export type StepState = 'done' | 'current' | 'todo';

export interface Step {
  status: string;
  state: StepState;
}

/**
 * The progress bar of a status. A rejected report stops after 上报 with 不予立案 as its last step;
 * an unknown status (a newer server) shows only where it started.
 */
export function stepsOf(status: string): Step[] {
  if (status === 'rejected')
    return [
      { status: 'reported', state: 'done' },
      { status: 'rejected', state: 'current' },
    ];
  const at = (STATUS_STEPS as readonly string[]).indexOf(status);
  return STATUS_STEPS.map((s, i) => ({
    status: s,
    state: at < 0 ? (i === 0 ? 'current' : 'todo') : i < at || (i === at && s === 'closed') ? 'done' : i === at ? 'current' : 'todo',
  }));
}

const CATEGORIES: readonly string[] = INCIDENT_CATEGORIES;

/** The plain-language name of an incident category (the same names as the form's tiles). */
export function categoryKey(category: string): MessageKey {
  return CATEGORIES.includes(category) ? (`report.category.${category}` as MessageKey) : 'report.category.other';
}

export const KNOWN_STATUSES = [...STATUS_STEPS, 'rejected'] as const;
const KNOWN_EVENTS = [
  'report',
  'accept',
  'reject',
  'dispatch',
  'acknowledge',
  'handle',
  'verify',
  'close',
  'return',
  'escalate',
  'extend',
  'handover',
  'alert',
  'rate',
] as const;

export function statusKey(status: string): MessageKey {
  return (KNOWN_STATUSES as readonly string[]).includes(status) ? (`report.status.${status}` as MessageKey) : 'report.status.other';
}

/** One sentence on what the status means for the resident ("已派给网格员处理"). */
export function statusHintKey(status: string): MessageKey {
  return (KNOWN_STATUSES as readonly string[]).includes(status) ? (`report.statusHint.${status}` as MessageKey) : 'report.statusHint.other';
}

export function eventKey(event: string): MessageKey {
  return (KNOWN_EVENTS as readonly string[]).includes(event) ? (`report.event.${event}` as MessageKey) : 'report.event.other';
}

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export function ratingKey(rating: string): MessageKey {
  return (RATINGS as readonly string[]).includes(rating) ? (`report.rating.${rating}` as MessageKey) : 'report.rating.other';
}

export const RATING_COMMENT_MAX = 500;

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment as residents of the county read it: local (China Standard Time), to the minute. */
export function formatReportTime(iso: string, lang: string): string {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      timeZone: 'Asia/Shanghai',
      hour12: false,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    timeFormats.set(lang, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
