// The tooltip's state for the /analyze map: on each pointer move (one per frame at most), what is
// drawn under the pointer (analysis-hover.ts), and nothing once the pointer leaves the map.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { hoveredAt, type Hovered, type HoverContext } from './analysis-hover';
import type { DeckOverlay } from './use-deck-overlay';

export interface HoverAt {
  x: number;
  y: number;
  hovered: Hovered;
}

export function useAnalysisHover(
  mapRef: RefObject<MaplibreMap | null>,
  ready: boolean,
  deck: RefObject<DeckOverlay | null>,
  context: HoverContext,
  /** While drawing an area, the pointer places corners: no tooltip in the way. */
  off: boolean,
): HoverAt | null {
  const [at, setAt] = useState<HoverAt | null>(null);
  const contextRef = useRef(context);
  contextRef.current = context;
  const offRef = useRef(off);
  offRef.current = off;

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    let frame = 0;
    let last: { x: number; y: number } | null = null;
    const look = () => {
      frame = 0;
      const hovered = last && !offRef.current ? hoveredAt(map, deck.current, contextRef.current, last) : null;
      setAt(hovered && last ? { ...last, hovered } : null);
    };
    const onMove = (e: MapMouseEvent) => {
      last = { x: e.point.x, y: e.point.y };
      frame ||= requestAnimationFrame(look);
    };
    const onOut = () => {
      last = null;
      cancelAnimationFrame(frame);
      frame = 0;
      setAt(null);
    };
    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    return () => {
      cancelAnimationFrame(frame);
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
    };
  }, [ready]);

  // A new layer or filter: what was under the pointer may be gone.
  useEffect(() => setAt(null), [context.layer, context.incidents, context.metric, context.heat]);
  return at;
}
