import type { Lang } from '../i18n/lang';

const formatters = new Map<Lang, Intl.NumberFormat>();

export function formatCount(n: number, lang: Lang): string {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    formatters.set(lang, f);
  }
  return f.format(n);
}

/** The 15-digit grid code grouped by level (county · street · community · grid) for reading. */
export function formatGridCode(code: string): string {
  if (!/^\d{15}$/.test(code)) return code;
  return [code.slice(0, 6), code.slice(6, 9), code.slice(9, 12), code.slice(12)].join(' ');
}
