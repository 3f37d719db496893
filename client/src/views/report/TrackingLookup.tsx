import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/use-t';
import { normalizeTrackingCode } from '../../../../server/domain/tracking-code';

/** Look a report up by its tracking code, typed however people type it. */
export function TrackingLookup({ initial = '' }: { initial?: string }) {
  const { t } = useT();
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = normalizeTrackingCode(text);
    setInvalid(!code);
    if (code) navigate(`/report/${code}`);
  };
  return (
    <section className="report-card" data-testid="report-lookup" aria-labelledby="report-lookup-title">
      <h2 id="report-lookup-title">{t('report.lookup.title')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="report-hint report-label" htmlFor="report-lookup-input">
          {t('report.lookup.label')}
        </label>
        <div className="report-lookup__row">
          <input
            id="report-lookup-input"
            className="report-input"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setInvalid(false);
            }}
            placeholder={t('report.lookup.placeholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'report-lookup-problem' : undefined}
            data-testid="report-lookup-input"
          />
          <button type="submit" className="report-button" data-testid="report-lookup-submit">
            {t('report.lookup.submit')}
          </button>
        </div>
        {invalid && (
          <p className="report-field-problem" id="report-lookup-problem" role="alert" data-testid="report-lookup-problem">
            {t('report.lookup.invalid')}
          </p>
        )}
      </form>
    </section>
  );
}
