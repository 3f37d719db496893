import { useEffect, useState } from 'react';
import { dispatchApi, type Candidate } from '../../api/dispatch-client';
import { useT } from '../../i18n/use-t';
import { formatGridCode } from '../../shared/format';
import { groupByRelation } from './dispatch-format';
import { errorText, relationLabel } from './dispatch-labels';

/**
 * The grid workers an incident can go to, as the server ranks them (its grid's own workers, then
 * the adjacent grids', then the community's), each with open tasks; the first is preselected.
 * Arrow keys move between them (one radio group), Enter sends the dialog.
 */
export function CandidatePicker({ incidentId, value, onChange }: { incidentId: number; value: number | null; onChange: (c: Candidate | null) => void }) {
  const { t, lang } = useT();
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    dispatchApi.candidates(incidentId).then((r) => {
      if (!current) return;
      setCandidates(r.candidates);
      onChange(groupByRelation(r.candidates)[0]?.items[0] ?? null);
    }).catch((e: unknown) => { if (current) setError(e); });
    return () => { current = false; };
    // Fetched once per incident; onChange is the dialog's setter.
  }, [incidentId]);

  if (error) return <p className="dialog-error" role="alert" data-testid="candidates-error">{errorText(t, lang, error)}</p>;
  if (!candidates) return <p className="muted" data-testid="candidates-loading">{t('dispatch.candidates.loading')}</p>;
  if (candidates.length === 0) return <p className="dialog-error" data-testid="candidates-empty">{t('dispatch.candidates.empty')}</p>;
  const groups = groupByRelation(candidates);
  const first = groups[0]?.items[0]?.workerId;
  return (
    <div className="candidates" role="radiogroup" aria-label={t('dispatch.dialog.worker')} data-testid="candidates">
      {groups.map((g) => (
        <fieldset key={g.relation} className="candidates__group">
          <legend>{relationLabel(t, lang, g.relation)}</legend>
          {g.items.map((c) => (
            <label
              key={c.workerId}
              className={c.workerId === value ? 'candidate is-chosen' : 'candidate'}
              data-testid={`candidate-${c.workerId}`}
              data-name={c.name}
              data-relation={c.relation}
              data-suggested={c.workerId === first || undefined}
            >
              <input type="radio" name="candidate" value={c.workerId} checked={c.workerId === value} onChange={() => onChange(c)} autoFocus={c.workerId === first} />
              <span className="candidate__name">{c.name}</span>
              {c.workerId === first && <span className="candidate__suggested">{t('dispatch.candidates.suggested')}</span>}
              <span className={c.openTasks > 0 ? 'candidate__tasks' : 'candidate__tasks is-free'}>{t('dispatch.candidates.openTasks', { n: c.openTasks })}</span>
              <span className="candidate__grids" title={c.gridCodes.map(formatGridCode).join('\n')}>
                {t('dispatch.candidates.grids', { codes: c.gridCodes.map((g) => formatGridCode(g).split(' ').slice(-2).join(' ')).join('、') })}
              </span>
              {c.phone && <span className="candidate__phone">{c.phone}</span>}
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
