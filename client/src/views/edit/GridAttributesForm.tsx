import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { gridAttributesApi, type GridStaff } from '../../api/grid-attributes-client';
import { queryKeys, useInvalidateGrids } from '../../api/queries';
import { ApiError } from '../../api/request';
import type { GridFeature } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { attributeError, changeOf, draftOf, type AttributeError, type AttributesDraft } from './grid-attributes-form';
import './edit-grid.css';

/** Name, type, grid workers (网格员) and party members of the selected grid, saved in one go. */
export function GridAttributesForm({ grid }: { grid: GridFeature }) {
  const { t } = useT();
  const { id } = grid.properties;
  const staff = useQuery({ queryKey: queryKeys.gridStaff(id), queryFn: ({ signal }) => gridAttributesApi.staff(id, signal) });
  // Kept here: a save gives the grid a new version, which starts the editor below afresh.
  const [outcome, setOutcome] = useState<Outcome>(null);
  // What was said is about the grid it was said of.
  useEffect(() => setOutcome(null), [id]);
  return (
    <section className="edit-grid edit-attr" data-testid="grid-attributes">
      <h2>{t('edit.attr.title')}</h2>
      {staff.data?.gridId === id ? (
        <AttributesEditor
          key={`${id}-${grid.properties.version}-${staff.dataUpdatedAt}`}
          grid={grid}
          staff={staff.data}
          outcome={outcome}
          setOutcome={setOutcome}
        />
      ) : staff.error ? (
        <p role="alert">{t(`edit.attr.error.${attributeError(staff.error instanceof ApiError ? staff.error.code : null)}`)}</p>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  );
}

type Outcome = { kind: 'saved' } | { kind: 'failed'; error: AttributeError } | null;

function AttributesEditor(props: { grid: GridFeature; staff: GridStaff; outcome: Outcome; setOutcome: (o: Outcome) => void }) {
  const { grid, staff, outcome, setOutcome } = props;
  const { t } = useT();
  const client = useQueryClient();
  const reloadGrids = useInvalidateGrids();
  const [draft, setDraft] = useState<AttributesDraft>(() => draftOf(grid, staff));
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const change = changeOf(draft, grid, staff, reason);
  const edit = (patch: Partial<AttributesDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setOutcome(null);
  };
  const save = async () => {
    if (!change) return;
    setSaving(true);
    try {
      await gridAttributesApi.save(grid.properties.id, change);
      setOutcome({ kind: 'saved' });
      // The map, its labels, the card and this form show what the server now has.
      await Promise.all([reloadGrids(), client.invalidateQueries({ queryKey: queryKeys.gridStaff(grid.properties.id) })]);
    } catch (e) {
      setOutcome({ kind: 'failed', error: attributeError(e instanceof ApiError ? e.code : null) });
    } finally {
      setSaving(false);
    }
  };

  const assigned = new Set(draft.workerIds);
  const toggle = (workerId: number) =>
    edit({ workerIds: assigned.has(workerId) ? draft.workerIds.filter((w) => w !== workerId) : [...draft.workerIds, workerId] });
  return (
    <form
      className="edit-attr__form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="edit-find__field">
        {t('edit.attr.name')}
        <input value={draft.name} maxLength={100} onChange={(e) => edit({ name: e.target.value })} data-testid="attr-name" />
      </label>
      <label className="edit-find__field">
        {t('edit.grid.type')}
        <select value={draft.type} onChange={(e) => edit({ type: e.target.value === 'dedicated' ? 'dedicated' : 'comprehensive' })} data-testid="attr-type">
          <option value="comprehensive">{t('edit.grid.type.comprehensive')}</option>
          <option value="dedicated">{t('edit.grid.type.dedicated')}</option>
        </select>
      </label>
      <fieldset className="edit-attr__workers">
        <legend>{t('edit.attr.workers', { n: draft.workerIds.length })}</legend>
        {staff.candidates.length === 0 && <p className="edit-find__none">{t('edit.attr.noCandidates')}</p>}
        <ul data-testid="attr-workers">
          {staff.candidates.map((w) => (
            <li key={w.id}>
              <label>
                <input type="checkbox" checked={assigned.has(w.id)} onChange={() => toggle(w.id)} data-testid="attr-worker" data-name={w.name} />
                {w.name}
                <small>{t(`edit.attr.role.${w.role === 'grid_leader' || w.role === 'part_time' ? w.role : 'full_time'}`)}</small>
                {w.isPartyMember && <span className="edit-attr__party">{t('edit.attr.partyMember')}</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label className="edit-find__field">
        {t('edit.attr.partyMembers')}
        <input
          type="number"
          min={0}
          step={1}
          value={draft.partyMembers}
          onChange={(e) => edit({ partyMembers: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          data-testid="attr-party"
        />
      </label>
      <label className="edit-find__field">
        {t('edit.reason')}
        <input
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('edit.reason.placeholder')}
          data-testid="attr-reason"
        />
      </label>
      <button type="submit" className="primary" disabled={!change || saving} data-testid="attr-save">
        {t('edit.attr.save')}
      </button>
      {outcome && (
        <p className={`edit-attr__outcome edit-attr__outcome--${outcome.kind}`} role="status" data-testid="attr-outcome" data-kind={outcome.kind}>
          {outcome.kind === 'saved' ? t('edit.attr.saved') : t(`edit.attr.error.${outcome.error}`)}
        </p>
      )}
    </form>
  );
}
