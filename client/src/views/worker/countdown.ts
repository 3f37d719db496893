// A task's deadline as the worker reads it: time left, or time overdue. Pure, unit-tested.
import type { Lang } from '../../i18n/lang';

export type DeadlineLevel = 'none' | 'ok' | 'soon' | 'overdue';

/** Under this much time left a task is flagged as due soon. */
export const SOON_MS = 2 * 3600_000;

export interface Countdown {
  level: DeadlineLevel;
  /** Milliseconds to the deadline; negative once overdue. */
  ms: number;
}

export function countdown(deadlineAt: string | null | undefined, now: number): Countdown {
  if (!deadlineAt) return { level: 'none', ms: Number.POSITIVE_INFINITY };
  const ms = Date.parse(deadlineAt) - now;
  if (Number.isNaN(ms)) return { level: 'none', ms: Number.POSITIVE_INFINITY };
  return { level: ms < 0 ? 'overdue' : ms < SOON_MS ? 'soon' : 'ok', ms };
}

const UNITS: Record<Lang, { d: string; h: string; m: string; s: string; sep: string }> = {
  'zh-CN': { d: '天', h: '小时', m: '分', s: '秒', sep: '' },
  en: { d: 'd', h: 'h', m: 'm', s: 's', sep: ' ' },
};

/**
 * A duration in its two largest units: "2天3小时", "3小时05分", "12分30秒" (en: "2d 3h", "3h 05m",
 * "12m 30s"). Under an hour the seconds show, so the countdown visibly runs; the second unit is
 * zero-padded so the text does not jump in width every tick.
 */
export function formatDuration(ms: number, lang: Lang): string {
  const u = UNITS[lang];
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}${u.d}${u.sep}${h}${u.h}`;
  if (h > 0) return `${h}${u.h}${u.sep}${pad(m)}${u.m}`;
  return `${m}${u.m}${u.sep}${pad(s)}${u.s}`;
}

/** How often the countdown must be redrawn: every second in its last hour (or once overdue by less than one), else every 30 s. */
export function tickMs(ms: number): number {
  return Math.abs(ms) < 3600_000 ? 1000 : 30_000;
}
