// terra-draw on one of our maps: the editor's tools and the analyst's area are both drawn with it.
// The hook creates terra-draw on the map once the map is ready (and the caller wants it), patched
// for speed, starts it in a first mode, hands its events to the caller's latest callbacks, and
// stops it again — before the map goes.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, type TerraDrawEventListeners } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { renderChangesOnly } from './terra-draw-diff-render';
import { warnUnlessApplied } from './terra-draw-patch';
import { fasterStoreCopies } from './terra-draw-speed';

type Modes = ConstructorParameters<typeof TerraDraw>[0]['modes'];

export interface TerraDrawOptions {
  /** The modes, built when terra-draw is created (snapping callbacks may read the map). */
  modes: (map: MaplibreMap) => Modes;
  /** The mode it starts in; terra-draw's own default ('static') when left out. */
  mode?: string;
  /**
   * The prefix of terra-draw's sources and layers ('td' by default). One starting with our overlay
   * prefix (basemap-style.ts) is kept, like our own layers, when the base map changes.
   */
  prefixId?: string;
  onChange?: (draw: TerraDraw, ...args: Parameters<TerraDrawEventListeners['change']>) => void;
  onFinish?: (draw: TerraDraw, ...args: Parameters<TerraDrawEventListeners['finish']>) => void;
}

/**
 * terra-draw on `mapRef`'s map while `enabled` (the map ready, and wanted). `started` turns true in
 * the same commit as terra-draw starts, so a page marked ready from it takes clicks at once.
 * The latest `options`' callbacks get the events; `modes`, `mode` and `prefixId` are read at creation.
 */
export function useTerraDraw(
  mapRef: RefObject<MaplibreMap | null>,
  enabled: boolean,
  options: TerraDrawOptions,
): { drawRef: RefObject<TerraDraw | null>; started: boolean } {
  const drawRef = useRef<TerraDraw | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const [started, setStarted] = useState(false);

  // A layout effect: on unmount its cleanup runs before the passive one of useOverlayMap that
  // removes the map, and terra-draw takes its layers off a map that is still there.
  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map || !enabled) return;
    const { modes, mode, prefixId } = latest.current;
    const adapter = new TerraDrawMapLibreGLAdapter({ map, ...(prefixId ? { prefixId } : {}) });
    warnUnlessApplied('render changes only', renderChangesOnly(adapter));
    const draw = new TerraDraw({ adapter, modes: modes(map) });
    warnUnlessApplied('faster store copies', fasterStoreCopies(draw));
    draw.start();
    if (mode) draw.setMode(mode);
    draw.on('change', (ids, type, context) => latest.current.onChange?.(draw, ids, type, context));
    draw.on('finish', (id, context) => latest.current.onFinish?.(draw, id, context));
    drawRef.current = draw;
    setStarted(true);
    // Should the map still go first (it is recreated), its removal has taken terra-draw's layers.
    let removed = false;
    const onRemove = () => (removed = true);
    map.once('remove', onRemove);
    return () => {
      map.off('remove', onRemove);
      drawRef.current = null;
      setStarted(false);
      if (!removed) draw.stop();
    };
  }, [enabled]);

  return { drawRef, started };
}
