import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { parseAnalyzeState, withAnalyzeState, type AnalyzeState } from './analyze-state';

/**
 * The view state lives in the URL. Filter changes push a history entry (back undoes them);
 * map moves and playback ticks replace it, so back does not replay every pan.
 */
export function useAnalyzeState(): [AnalyzeState, (patch: Partial<AnalyzeState>, replace?: boolean) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const state = useMemo(() => parseAnalyzeState(location.search), [location.search]);
  const update = useCallback(
    (patch: Partial<AnalyzeState>, replace = false) => {
      const search = window.location.search;
      const next = withAnalyzeState(search, { ...parseAnalyzeState(search), ...patch });
      if (next !== search) navigate({ pathname: location.pathname, search: next }, { replace });
    },
    [navigate, location.pathname],
  );
  return [state, update];
}
