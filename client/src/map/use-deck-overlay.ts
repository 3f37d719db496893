// deck.gl layers drawn inside a MapLibre map (interleaved: deck draws into MapLibre's own canvas
// and WebGL context, between our style layers, so labels and outlines stay above its points and
// heat, and both move in one frame). Shared by the analyst's map and the wall.
import { useEffect, useRef, type RefObject } from 'react';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MaplibreMap } from 'maplibre-gl';

export type DeckLayers = (Layer | null | false)[];

/** The parts of deck's internals that follow the canvas size (see syncSize below). */
interface DeckSizeInternals {
  _deck?: {
    _canvasContext?: {
      cssWidth: number;
      cssHeight: number;
      drawingBufferWidth: number;
      drawingBufferHeight: number;
      devicePixelWidth: number;
      devicePixelHeight: number;
    };
    _updateCanvasSize?: () => void;
  };
}

export interface DeckOverlay {
  /** Picks the top pickable object at a pixel of the map's canvas (null when none). */
  pick(x: number, y: number, radius?: number): PickingInfo | null;
}

/**
 * Adds one interleaved MapLibreOverlay to `mapRef`'s map once `ready` (a map takes only one) and
 * keeps its layers equal to `layers`. `beforeId` is honoured only once the style has loaded, so
 * the layers are set again at the first idle after the overlay is added.
 */
export function useDeckOverlay(mapRef: RefObject<MaplibreMap | null>, ready: boolean, layers: DeckLayers): RefObject<DeckOverlay | null> {
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const handle = useRef<DeckOverlay | null>(null);
  const layersRef = useRef(layers);
  layersRef.current = layers;

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const overlay = new MapLibreOverlay({ interleaved: true, layers: layersRef.current });
    map.addControl(overlay);
    keepContextOnRemove(map);
    overlayRef.current = overlay;
    // Beside maplibreMap on the container (use-overlay-map.ts): for a look from tests or the console.
    (map.getContainer() as HTMLElement & { deckOverlay?: MapLibreOverlay }).deckOverlay = overlay;
    handle.current = { pick: (x, y, radius = 4) => overlay.pickObject({ x, y, radius }) ?? null };
    // deck 9.4 attached to MapLibre's WebGL context keeps the canvas size it first saw: luma.gl
    // observes only the canvases it creates. When the map's container settles or the window
    // changes, deck's viewport and its picking (CSS → drawing-buffer pixels) would keep the old
    // size, and clicks would pick points far from the cursor. So MapLibre's canvas size is handed
    // to deck at every resize.
    const syncSize = () => {
      const deck = (overlay as unknown as DeckSizeInternals)._deck;
      const context = deck?._canvasContext;
      if (!context || !deck._updateCanvasSize) return;
      const canvas = map.getCanvas();
      if (
        context.cssWidth === canvas.clientWidth &&
        context.cssHeight === canvas.clientHeight &&
        context.drawingBufferWidth === canvas.width &&
        context.drawingBufferHeight === canvas.height
      )
        return;
      context.cssWidth = canvas.clientWidth;
      context.cssHeight = canvas.clientHeight;
      context.drawingBufferWidth = context.devicePixelWidth = canvas.width;
      context.drawingBufferHeight = context.devicePixelHeight = canvas.height;
      deck._updateCanvasSize();
      map.triggerRepaint();
    };
    map.on('resize', syncSize);
    // In interleaved mode deck learns the camera from the map's 'move' events, and only once it
    // has initialised (asynchronously): a move before that (the first fitBounds) is missed, and
    // picking would use the camera the map was created with while drawing uses the real one.
    // One more 'move' once deck is up hands it the camera as it is.
    const again = () => {
      syncSize();
      overlay.setProps({ layers: [...layersRef.current] });
      map.fire('move');
    };
    map.once('idle', again);
    // When the component goes, the map's own cleanup may run first: map.remove() takes its
    // controls, this overlay included, with it.
    let removed = false;
    const onRemove = () => (removed = true);
    map.once('remove', onRemove);
    return () => {
      map.off('idle', again);
      map.off('resize', syncSize);
      map.off('remove', onRemove);
      overlayRef.current = null;
      handle.current = null;
      if (!removed) map.removeControl(overlay);
    };
  }, [ready]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers });
    mapRef.current?.fire('move');
  }, [layers]);

  return handle;
}

/**
 * map.remove() ends its WebGL context on the spot (WEBGL_lose_context). Once deck.gl has drawn in
 * it, Chrome's software renderer (SwiftShader: a machine without a usable GPU, and the browser
 * tests) takes ~9 s to do that, and the page is frozen for as long as it leaves the view — a
 * session that expired on /analyze showed the login form 10 s late. Without the extension, the
 * context is released when its canvas is collected, as any other page's is; on a real GPU the
 * difference is a few milliseconds either way.
 */
function keepContextOnRemove(map: MaplibreMap): void {
  const canvas = map.getCanvas();
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return;
  const getExtension = gl.getExtension.bind(gl);
  gl.getExtension = ((name: string) => (name === 'WEBGL_lose_context' ? null : getExtension(name))) as typeof gl.getExtension;
}
