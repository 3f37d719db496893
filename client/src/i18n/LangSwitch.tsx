import { LANGS } from './lang';
import { useT } from './use-t';

export function LangSwitch() {
  const { lang, setLang, t } = useT();
  const next = LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length];
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      data-lang={lang}
      aria-label={t('lang.label')}
      title={t('lang.label')}
      onClick={() => setLang(next)}
    >
      {t(`lang.${next}`)}
    </button>
  );
}
