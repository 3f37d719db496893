import type { TimelineEntry } from '../../api/dispatch-client';
import { useT } from '../../i18n/use-t';
import { actorLabel, eventLabel, levelLabel, mediationLabel, timeLabel } from './dispatch-labels';

/** A few words from an entry's details: whom it went to, how long, which level or body. */
interface Say {
  level: (l: string) => string;
  body: (b: string) => string;
  worker: (id: number) => string;
}

function detailText(entry: TimelineEntry, say: Say): string | null {
  const d = entry.details ?? {};
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  switch (entry.event) {
    // The server records the worker's id; the name is known for the current assignee.
    case 'dispatch':
      return str('assigneeName') ?? (typeof d.assigneeId === 'number' ? `→ ${say.worker(d.assigneeId)}` : null);
    case 'extend':
      return typeof d.hours === 'number' ? `+${d.hours} h` : null;
    case 'escalate':
      return str('to') ? `→ ${say.level(str('to')!)}` : null;
    case 'handover':
      return str('to') ? `→ ${say.body(str('to')!)}` : null;
    case 'alert':
      return Array.isArray(d.gridCodes) ? d.gridCodes.join('、') : null;
    default:
      return null;
  }
}

export function Timeline({ entries, assignee }: { entries: TimelineEntry[]; assignee: { id: number; name: string } | null }) {
  const { t, lang } = useT();
  const say: Say = {
    level: (l) => levelLabel(t, lang, l),
    body: (b) => mediationLabel(t, lang, b),
    worker: (id) => (assignee && assignee.id === id ? assignee.name : t('dispatch.detail.workerNo', { id })),
  };
  return (
    <ol className="dispatch-timeline" data-testid="detail-timeline">
      {[...entries].reverse().map((e, k) => {
        const extra = detailText(e, say);
        return (
          <li key={`${e.at}-${k}`} data-event={e.event} className={`dispatch-timeline__entry dispatch-timeline__entry--${e.event}`}>
            <time dateTime={e.at}>{timeLabel(e.at, lang)}</time>
            <strong>{eventLabel(t, lang, e.event)}</strong>
            {extra && <span className="dispatch-timeline__extra">{extra}</span>}
            <span className="dispatch-timeline__actor">{actorLabel(t, lang, e.actor)}</span>
            {e.note && <div className="dispatch-timeline__note">{e.note}</div>}
          </li>
        );
      })}
    </ol>
  );
}
