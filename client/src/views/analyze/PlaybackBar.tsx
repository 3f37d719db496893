import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { addDays, WINDOWS, type AnalyzeState } from './analyze-state';

const SPEEDS = [1, 2, 4] as const;
const STEP_MS = 1500;

/** Moves a window of `windowDays` across [first, last] day by day; the window start is URL state. */
export function PlaybackBar({
  state,
  update,
  first,
  last,
}: {
  state: AnalyzeState;
  update: (p: Partial<AnalyzeState>, replace?: boolean) => void;
  first: string | null;
  last: string | null;
}) {
  const { t } = useT();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    if (!playing || !first || !last) return;
    const timer = setInterval(() => {
      const s = stateRef.current;
      const next = s.playAt ? addDays(s.playAt, 1) : first;
      if (addDays(next, s.windowDays) > addDays(last, 1)) {
        setPlaying(false);
        return;
      }
      update({ playAt: next }, true);
    }, STEP_MS / speed);
    return () => clearInterval(timer);
  }, [playing, speed, first, last, update]);

  const start = state.playAt;
  return (
    <div className="playback" data-testid="playback">
      <strong>{t('analyze.playback')}</strong>
      <button
        type="button"
        data-testid="playback-toggle"
        disabled={!first}
        onClick={() => {
          if (!playing && !state.playAt && first) update({ playAt: first }, true);
          setPlaying(!playing);
        }}
      >
        {playing ? t('analyze.pause') : t('analyze.play')}
      </button>
      <label>
        {t('analyze.speed')}
        <select data-testid="playback-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('analyze.window')}
        <select data-testid="playback-window" value={state.windowDays} onChange={(e) => update({ windowDays: Number(e.target.value) })}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {t('analyze.window.days', { n: w })}
            </option>
          ))}
        </select>
      </label>
      {start && (
        <>
          <span className="playback__window" data-testid="playback-window-label">
            {t('analyze.playWindow', { from: start, to: addDays(start, state.windowDays - 1) })}
          </span>
          <button
            type="button"
            data-testid="playback-stop"
            onClick={() => {
              setPlaying(false);
              update({ playAt: null });
            }}
          >
            {t('analyze.stop')}
          </button>
        </>
      )}
    </div>
  );
}
