import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { dispatchApi, type Candidate } from '../../api/dispatch-client';
import { queryKeys } from '../../api/queries';
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
  // Asked afresh each time the dialog opens: who is free changes by the minute.
  const query = useQuery({
    queryKey: queryKeys.candidates(incidentId),
    queryFn: async ({ signal }) => (await dispatchApi.candidates(incidentId, signal)).candidates,
    gcTime: 0,
  });
  const candidates = query.data ?? null;
  const error = query.error;
  useEffect(() => {
    if (candidates) onChange(groupByRelation(candidates)[0]?.items[0] ?? null);
    // Once per answer; onChange is the dialog's setter.
  }, [candidates]);

  if (error)
    return (
      <p className="dialog-error" role="alert" data-testid="candidates-error">
        {errorText(t, lang, error)}
      </p>
    );
  if (!candidates)
    return (
      <p className="muted" data-testid="candidates-loading">
        {t('dispatch.candidates.loading')}
      </p>
    );
  if (candidates.length === 0)
    return (
      <p className="dialog-error" data-testid="candidates-empty">
        {t('dispatch.candidates.empty')}
      </p>
    );
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
              <input
                type="radio"
                name="candidate"
                value={c.workerId}
                checked={c.workerId === value}
                onChange={() => onChange(c)}
                autoFocus={c.workerId === first}
              />
              <span className="candidate__name">{c.name}</span>
              {c.workerId === first && <span className="candidate__suggested">{t('dispatch.candidates.suggested')}</span>}
              <span className={c.openTasks > 0 ? 'candidate__tasks' : 'candidate__tasks is-free'}>
                {t('dispatch.candidates.openTasks', { n: c.openTasks })}
              </span>
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
