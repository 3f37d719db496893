import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { addDays, WINDOWS, type AnalyzeState } from './analyze-state';
import { playbackStarts } from './periods';

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

  // The day the slider was just moved to, until the URL has it: the router commits a navigation as
  // a transition, and meanwhile a controlled range input would spring back to the URL's day, losing
  // quick key presses.
  const [moved, setMoved] = useState<string | null>(null);
  useEffect(() => {
    // Against the latest move, not this render's: a key may have moved it again meanwhile.
    setMoved((day) => (day === state.playAt ? null : day));
  }, [moved, state.playAt]);

  const start = state.playAt;
  // The slider's positions are the window's possible first days; it follows the playback (URL
  // state) and a move jumps the window there, so it and the play button share one position.
  const starts = first && last ? playbackStarts(first, last, state.windowDays) : null;
  const at = starts ? starts.indexOf(moved ?? start ?? first!) : 0;
  const atDay = starts ? starts.dayAt(at) : null;
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
      <label className="playback__slider">
        <input
          type="range"
          data-testid="playback-slider"
          aria-label={t('analyze.playback.date')}
          aria-valuetext={atDay ?? undefined}
          min={0}
          max={starts?.last ?? 0}
          step={1}
          value={at}
          disabled={!starts}
          onChange={(e) => {
            if (!starts) return;
            const day = starts.dayAt(Number(e.target.value));
            setMoved(day);
            update({ playAt: day }, true);
          }}
        />
        <output className="playback__date" data-testid="playback-slider-date">
          {atDay}
        </output>
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
              setMoved(null);
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
