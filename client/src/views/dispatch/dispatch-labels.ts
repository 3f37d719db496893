// Words for codes, through the shared `incident.*` messages where they exist.
import { dictionaryFor, type Lang } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/zh-CN';
import type { I18nValue } from '../../i18n/i18n-context';
import type { DispatchAction } from './dispatch-actions';
import { ageOf, describeError, dueState, type Due } from './dispatch-format';

type T = I18nValue['t'];

/** A message when the dictionary has the key, else the fallback (codes the server added later). */
function maybe(t: T, lang: Lang, key: string, fallback: string): string {
  return Object.hasOwn(dictionaryFor(lang), key) ? t(key as MessageKey) : fallback;
}

export const categoryLabel = (t: T, lang: Lang, c: string) => maybe(t, lang, `incident.category.${c}`, c);
export const statusLabel = (t: T, lang: Lang, s: string) => maybe(t, lang, `incident.status.${s}`, s);
export const priorityLabel = (t: T, lang: Lang, p: string) => maybe(t, lang, `incident.priority.${p}`, p);
export const sourceLabel = (t: T, lang: Lang, s: string) => maybe(t, lang, `incident.source.${s}`, s);
export const levelLabel = (t: T, lang: Lang, l: string) => maybe(t, lang, `incident.level.${l}`, l);
export const mediationLabel = (t: T, lang: Lang, m: string) => maybe(t, lang, `incident.mediation.${m}`, m);
export const relationLabel = (t: T, lang: Lang, r: string) => maybe(t, lang, `dispatch.candidates.relation.${r}`, r);
export const actionLabel = (t: T, a: DispatchAction) => t(`dispatch.action.${a}` as MessageKey);
export const eventLabel = (t: T, lang: Lang, e: string) => maybe(t, lang, `incident.event.${e}`, maybe(t, lang, `dispatch.event.${e}`, e));

/** Who acted on an incident: role words and units translated, a person's name or an account as it is. */
export function actorLabel(t: T, lang: Lang, actor: string | null): string {
  if (actor === null) return '';
  if (actor === 'system') return t('dispatch.detail.system');
  if (actor === 'resident') return t('dispatch.detail.resident');
  return maybe(t, lang, `actor.${actor}`, actor);
}

export function timeLabel(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function ageLabel(t: T, at: string, now: number): string {
  const age = ageOf(at, now);
  return age.unit === 'now' ? t('dispatch.age.now') : t(`dispatch.age.${age.unit}`, { n: age.n });
}

export function dueLabel(t: T, due: Due): string | null {
  if (due.kind === 'none') return null;
  return due.unit === 'hm' ? t(`dispatch.due.${due.kind}`, { h: due.h, m: due.m }) : t(`dispatch.due.${due.kind}.days`, { d: due.d, h: due.h });
}

export { dueState };

/** A server error in the user's words (the ApiError code), naming what is allowed after a 409. */
export function errorText(t: T, lang: Lang, error: unknown): string {
  const e = describeError(error);
  if (e.code === 'illegal_transition') {
    // The worker's own steps (签收, 处置) are not the dispatcher's to take.
    const allowed = e.allowed.filter((a) => a !== 'handle' && a !== 'acknowledge').map((a) => maybe(t, lang, `dispatch.action.${a}`, a));
    return allowed.length
      ? t('dispatch.error.illegal_transition', { allowed: allowed.join(lang === 'zh-CN' ? '、' : ', ') })
      : t('dispatch.error.illegal_transition.none');
  }
  if (e.code) return t(`dispatch.error.${e.code}` as MessageKey, { message: e.message });
  return t('dispatch.error.generic', { message: e.message });
}
