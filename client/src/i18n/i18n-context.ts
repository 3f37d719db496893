import { createContext } from 'react';
import type { Lang, MessageParams } from './lang';
import type { MessageKey } from './zh-CN';

export interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}

export const I18nContext = createContext<I18nValue | null>(null);
