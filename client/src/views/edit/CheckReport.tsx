import { useT } from '../../i18n/use-t';
import { formatM2 } from './edit-preview';
import type { Check } from './use-edit-session';

const LIST_SHOWN = 8;

/** The server's verdict on a pending edit, in words and numbers. */
export function CheckReport({ check, reasonText }: { check: Check; reasonText: (code: string) => string }) {
  const { t, lang } = useT();
  if (check.status === 'idle') return null;
  if (check.status === 'checking')
    return (
      <p data-testid="check-status" data-status="checking">
        {t('edit.panel.checking')}
      </p>
    );
  if (check.status === 'error')
    return (
      <p className="edit-check--bad" data-testid="check-status" data-status="error" role="alert">
        {reasonText(check.code)}
      </p>
    );
  if (check.status === 'preview') {
    const p = check.preview;
    return (
      <div data-testid="check-status" data-status="valid">
        <p className="edit-check--ok">{t('edit.panel.valid')}</p>
        <dl className="edit-facts">
          <dt>{t('edit.panel.moved')}</dt>
          <dd data-testid="check-moved">{t('edit.households', { n: p.householdsMoved })}</dd>
          <dt>{t('edit.panel.parts')}</dt>
          <dd>
            <ul data-testid="check-parts">
              {p.sizeNorms.map((s) => (
                <li key={s.code}>
                  {t('edit.panel.partLine', { code: s.code, households: s.sizeNorm.households })} · {normText(t, s.sizeNorm)}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </div>
    );
  }
  const r = check.report;
  const batch = check.status === 'batch' ? check.report : null;
  const codeOf = (id: number | undefined) => batch?.grids.find((g) => g.id === id)?.code;
  const names = (list: { externalId: string }[], count: number) =>
    list
      .slice(0, LIST_SHOWN)
      .map((h) => h.externalId)
      .join('、') + (count > LIST_SHOWN ? ` ${t('edit.panel.more', { n: count })}` : '');
  return (
    <div data-testid="check-status" data-status={r.valid ? 'valid' : 'invalid'}>
      {r.valid ? (
        <p className="edit-check--ok">{t('edit.panel.valid')}</p>
      ) : (
        <div className="edit-check--bad" role="alert">
          {t('edit.panel.invalid')}
          <ul data-testid="check-problems">
            {r.problems.map((p) => (
              <li key={`${p.code}-${p.gridId ?? ''}`} data-code={p.code}>
                {codeOf(p.gridId) ? t('edit.panel.problemOf', { code: codeOf(p.gridId)!, reason: reasonText(p.code) }) : reasonText(p.code)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="edit-facts">
        {!batch && 'areaM2' in r && (
          <>
            <dt>{t('edit.panel.area')}</dt>
            <dd>{t('edit.m2', { n: formatM2(r.areaM2, lang) })}</dd>
          </>
        )}
        <dt>{t('edit.panel.overlap')}</dt>
        <dd data-testid="check-overlap" className={r.overlapAreaM2 > 0 ? 'bad' : undefined}>
          {t('edit.m2', { n: formatM2(r.overlapAreaM2, lang) })}
        </dd>
        <dt>{t('edit.panel.gap')}</dt>
        <dd data-testid="check-gap" className={r.gapAreaM2 > 0 ? 'warn' : undefined}>
          {t('edit.m2', { n: formatM2(r.gapAreaM2, lang) })}
        </dd>
        <dt>{t('edit.panel.moved')}</dt>
        <dd data-testid="check-moved" title={names(r.householdsMoved.list, r.householdsMoved.count)}>
          {t('edit.households', { n: r.householdsMoved.count })}
          {r.householdsMoved.count > 0 && <small> · {names(r.householdsMoved.list, r.householdsMoved.count)}</small>}
        </dd>
        <dt>{t('edit.panel.outside')}</dt>
        <dd data-testid="check-outside" className={r.householdsOutside.count > 0 ? 'warn' : undefined}>
          {t('edit.households', { n: r.householdsOutside.count })}
        </dd>
        {batch ? (
          <>
            <dt>{t('edit.panel.linkedGrids')}</dt>
            <dd>
              <ul data-testid="check-linked">
                {batch.grids.map((g) => (
                  <li key={g.id} data-grid-id={g.id}>
                    {t('edit.panel.partLine', { code: g.code, households: g.sizeNorm.households })} · {normText(t, g.sizeNorm)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : (
          'sizeNorm' in r && (
            <>
              <dt>{t('edit.panel.sizeNorm')}</dt>
              <dd data-testid="check-norm" data-norm={r.sizeNorm.status}>
                {r.sizeNorm.households} / {r.sizeNorm.population} · {normText(t, r.sizeNorm)}
              </dd>
            </>
          )
        )}
      </dl>
    </div>
  );
}

type T = ReturnType<typeof useT>['t'];
function normText(t: T, norm: { status: string; householdsMin: number; householdsMax: number; populationMax: number }): string {
  const key = `edit.norm.${norm.status}` as 'edit.norm.ok';
  return t(key, { min: norm.householdsMin, max: norm.householdsMax, pop: norm.populationMax });
}
