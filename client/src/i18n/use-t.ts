import { useContext } from 'react';
import { I18nContext, type I18nValue } from './i18n-context';

export function useT(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() used outside <I18nProvider>');
  return value;
}
