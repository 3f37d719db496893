import { useMemo, useState } from 'react';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { countsByKind, type SpotEntry } from './blind-spot-list';
import { formatInteger } from './wall-format';

interface Props {
  /** The overview's count per kind (every kind, those without a place on the map too). */
  byKind: Record<string, number> | null;
  entries: SpotEntry[];
  focusId: string | null;
  onFocus: (entry: SpotEntry | null) => void;
  stale: boolean;
}

const kindLabel = (kind: string) => `wall.spot.kind.${kind}` as MessageKey;

/** 盲区 by kind, and a list whose entries zoom the map to each. */
export function BlindSpotPanel({ byKind, entries, focusId, onFocus, stale }: Props) {
  const { t, lang } = useT();
  const [kind, setKind] = useState<string | null>(null);
  const counts = useMemo(() => countsByKind(byKind ?? {}), [byKind]);
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const shown = kind ? entries.filter((e) => e.kind === kind) : entries;
  const detail = (e: SpotEntry) => e.gridName ?? (e.areaM2 !== undefined ? t('wall.spot.area', { area: formatInteger(e.areaM2, lang) }) : '');
  return (
    <section className={`wall-panel wall-spots${stale ? ' wall-stale' : ''}`} data-testid="wall-spots" data-stale={stale || undefined}>
      <h2>
        {t('wall.spot.title', { count: formatInteger(total, lang) })}
        <small className="wall-panel__note">{t('wall.spot.hint')}</small>
      </h2>
      <div className="wall-spots__body">
        <ul className="wall-spots__kinds">
          {counts.map((c) => (
            <li key={c.kind}>
              <button
                type="button"
                data-testid={`spot-kind-${c.kind}`}
                data-count={c.count}
                aria-pressed={kind === c.kind}
                onClick={() => setKind(kind === c.kind ? null : c.kind)}
              >
                <span>{t(kindLabel(c.kind))}</span>
                <b>{formatInteger(c.count, lang)}</b>
              </button>
            </li>
          ))}
        </ul>
        <ol className="wall-spots__list">
          {focusId && (
            <li>
              <button type="button" className="wall-spots__reset" data-testid="spot-reset" onClick={() => onFocus(null)}>
                {t('wall.spot.showAll')}
              </button>
            </li>
          )}
          {shown.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className={`wall-spots__entry wall-spots__entry--${e.kind}`}
                data-testid="spot-entry"
                data-kind={e.kind}
                data-id={e.id}
                aria-pressed={focusId === e.id}
                onClick={() => onFocus(focusId === e.id ? null : e)}
              >
                <span className="wall-spots__kind">{t(kindLabel(e.kind))}</span>
                <span className="wall-spots__detail">{detail(e)}</span>
              </button>
            </li>
          ))}
          {kind && shown.length === 0 && <li className="wall-muted">{t('wall.spot.notOnMap')}</li>}
        </ol>
      </div>
    </section>
  );
}
