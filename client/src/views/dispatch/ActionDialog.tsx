import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Candidate, DispatchIncidentDetail } from '../../api/dispatch-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { ACTION_FORM, handoverTargets, inputProblem, MAX_EXTEND_HOURS, type ActionInput, type DispatchAction } from './dispatch-actions';
import { alertSummary } from './dispatch-format';
import { actionLabel, levelLabel, mediationLabel, timeLabel } from './dispatch-labels';
import { CandidatePicker } from './CandidatePicker';

const LEVELS = ['grid', 'community', 'street', 'department'];

export interface ActionDialogProps {
  action: DispatchAction;
  incident: DispatchIncidentDetail['properties'];
  busy: boolean;
  /** The last failed attempt's message, shown in the dialog. */
  error: string | null;
  onSubmit: (input: ActionInput, chosen: Candidate | null) => void;
  onClose: () => void;
}

/** Asks what an action needs (a reason, a worker, hours, a mediation body) in a modal; Enter sends, Esc closes. */
export function ActionDialog({ action, incident: p, busy, error, onSubmit, onClose }: ActionDialogProps) {
  const { t, lang } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const form = ACTION_FORM[action];
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [hours, setHours] = useState('24');
  const targets = handoverTargets(p.mediationBody);
  const [to, setTo] = useState<string>(targets[0]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const input: ActionInput = { note, assigneeId: chosen?.workerId ?? null, hours, to };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const why = inputProblem(action, input);
    setProblem(why);
    if (!why) onSubmit(input, chosen);
  };
  const alert = p.category === 'emergency' && form === 'worker' ? alertSummary(p.timeline) : null;
  const level = LEVELS[LEVELS.indexOf(p.escalationLevel) + 1];
  const noteLabel: MessageKey =
    form === 'reason' ? (`dispatch.dialog.reason.${action}` as MessageKey) : action === 'close' ? 'dispatch.dialog.note.close' : 'dispatch.dialog.note';

  return (
    <dialog
      ref={ref}
      className={`action-dialog action-dialog--${action}`}
      data-testid="action-dialog"
      data-action={action}
      aria-labelledby="action-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        onSubmit={submit}
        noValidate
        onKeyDown={(e) => {
          // Enter sends from any field, a chosen worker's radio too (browsers submit only from text fields).
          const target = e.target as HTMLElement;
          if (e.key !== 'Enter' || target.tagName === 'BUTTON' || target.tagName === 'TEXTAREA') return;
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }}
      >
        <h2 id="action-dialog-title">{t('dispatch.dialog.title', { action: actionLabel(t, action), id: p.id })}</h2>
        {alert && (
          <p className="dispatch-alert" data-testid="dialog-alert">
            {alert.grids.length ? t('dispatch.alert', { grids: alert.grids.length, workers: alert.workers }) : t('dispatch.alert.none')}
          </p>
        )}
        {form === 'worker' && <CandidatePicker incidentId={p.id} value={chosen?.workerId ?? null} onChange={setChosen} />}
        {action === 'escalate' && level && (
          <p data-testid="dialog-escalate">{t('dispatch.dialog.escalate', { from: levelLabel(t, lang, p.escalationLevel), to: levelLabel(t, lang, level) })}</p>
        )}
        {form === 'hours' && (
          <label className="dialog-field">
            <span>{t('dispatch.dialog.hours')}</span>
            <input
              type="number"
              min={1}
              max={MAX_EXTEND_HOURS}
              step={1}
              value={hours}
              onChange={(e) => setHours(e.target.value)}
              data-testid="dialog-hours"
              autoFocus
            />
            <small className="muted">{t('dispatch.dialog.deadline', { time: timeLabel(p.deadlineAt, lang) })}</small>
          </label>
        )}
        {form === 'mediation' && (
          <fieldset className="dialog-field dialog-choices" data-testid="dialog-mediation">
            <legend>{t('dispatch.dialog.mediation')}</legend>
            {p.mediationBody && <small className="muted">{t('dispatch.dialog.mediationNow', { body: mediationLabel(t, lang, p.mediationBody) })}</small>}
            {targets.map((b, i) => (
              <label key={b} className="dialog-choice">
                <input
                  type="radio"
                  name="mediation"
                  value={b}
                  checked={to === b}
                  onChange={() => setTo(b)}
                  data-testid={`dialog-mediation-${b}`}
                  autoFocus={i === 0}
                />
                {mediationLabel(t, lang, b)}
              </label>
            ))}
          </fieldset>
        )}
        <label className="dialog-field">
          <span>{t(noteLabel)}</span>
          <input
            type="text"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            data-testid="dialog-note"
            required={form === 'reason'}
            aria-invalid={problem === 'reasonRequired' || undefined}
            autoFocus={form === 'reason' || form === 'note'}
          />
        </label>
        {problem && (
          <p className="dialog-error" role="alert" data-testid="dialog-problem">
            {t(`dispatch.problem.${problem}` as MessageKey)}
          </p>
        )}
        {error && (
          <p className="dialog-error" role="alert" data-testid="dialog-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose} data-testid="dialog-cancel">
            {t('dispatch.dialog.cancel')}
          </button>
          <button type="submit" className="action-button action-button--primary" disabled={busy} data-testid="dialog-confirm">
            {busy ? t('dispatch.dialog.sending') : t('dispatch.dialog.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
