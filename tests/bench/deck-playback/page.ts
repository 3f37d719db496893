// The bench page (tests/bench/deck-playback.bench.ts): one MapLibre map, the incidents drawn
// either the new way (binary → deck.gl ScatterplotLayer + DataFilterExtension, playback by
// filterRange) or the old way (GeoJSON → a MapLibre circle layer, playback by setFilter), with
// the same map, style, view and points. Every figure ends with gl.finish(), so what SwiftShader
// (or a GPU) still has to draw is counted too.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { ScatterplotLayer } from '@deck.gl/layers';
import { DataFilterExtension } from '@deck.gl/extensions';
import { decodeIncidentPoints } from '../../../server/domain/points-layout';

maplibregl.setWorkerUrl(workerUrl);
const map = new maplibregl.Map({
  container: 'map',
  style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1624' } }] },
  center: [120.23, 33.77],
  zoom: 12,
  fadeDuration: 0,
  attributionControl: false,
});
const loaded = new Promise<void>((resolve) => map.on('load', () => resolve()));
const gl = () => (map as unknown as { painter: { context: { gl: WebGL2RenderingContext } } }).painter.context.gl;

/** Resolves once the map has drawn a frame that began after this call, and the GL work is done. */
function nextFrame(event: 'render' | 'idle' = 'render'): Promise<void> {
  return new Promise((resolve) => {
    map.once(event, () => {
      gl().finish();
      resolve();
    });
    map.triggerRepaint();
  });
}

let overlay: MapLibreOverlay | null = null;
let minutes: Float32Array | null = null;
let count = 0;
const filter = new DataFilterExtension({ filterSize: 1 });

function deckLayer(lngLat: Float32Array, n: number, range: [number, number]) {
  return new ScatterplotLayer({
    id: 'points',
    data: { length: n, attributes: { getPosition: { value: lngLat, size: 2 }, getFilterValue: { value: minutes!, size: 1 } } },
    radiusUnits: 'pixels',
    getRadius: 2,
    getFillColor: [56, 189, 248, 220],
    extensions: [filter],
    filterRange: range,
  } as never);
}

async function reset(): Promise<void> {
  await loaded;
  if (overlay) map.removeControl(overlay);
  overlay = null;
  if (map.getLayer('circles')) map.removeLayer('circles');
  if (map.getSource('incidents')) map.removeSource('incidents');
}

/** Fetch, decode and draw the binary form with deck.gl: milliseconds to the first frame. */
async function binaryFirstFrame(url: string): Promise<{ ms: number; count: number }> {
  await reset();
  const started = performance.now();
  const points = decodeIncidentPoints(await (await fetch(url)).arrayBuffer());
  count = points.count;
  let origin = Infinity;
  for (let i = 0; i < count; i++) if (points.times[i] < origin) origin = points.times[i];
  minutes = new Float32Array(count);
  for (let i = 0; i < count; i++) minutes[i] = Math.floor((points.times[i] - origin) / 60);
  overlay = new MapLibreOverlay({ interleaved: true, layers: [deckLayer(points.lngLat, count, [0, 2 ** 24])] });
  map.addControl(overlay);
  await nextFrame();
  (window as unknown as { lngLat: Float32Array }).lngLat = points.lngLat;
  return { ms: performance.now() - started, count };
}

/** Fetch and parse the JSON list, hand it to a MapLibre circle layer: milliseconds to the first drawn frame. */
async function jsonFirstFrame(url: string): Promise<{ ms: number; count: number }> {
  await reset();
  const started = performance.now();
  const fc = await (await fetch(url)).json();
  map.addSource('incidents', { type: 'geojson', data: fc });
  map.addLayer({ id: 'circles', type: 'circle', source: 'incidents', paint: { 'circle-radius': 2, 'circle-color': '#38bdf8' } });
  await nextFrame('idle');
  return { ms: performance.now() - started, count: fc.features.length };
}

const DAY = 1440;

/** Playback frames by deck's filterRange: a 7-day window moved a day per frame. */
async function deckPlayback(frames: number): Promise<number[]> {
  const lngLat = (window as unknown as { lngLat: Float32Array }).lngLat;
  const out: number[] = [];
  for (let f = 0; f < frames; f++) {
    const started = performance.now();
    overlay!.setProps({ layers: [deckLayer(lngLat, count, [f * DAY, (f + 7) * DAY - 1])] });
    await nextFrame();
    out.push(performance.now() - started);
  }
  return out;
}

/** The old way on the client: the points in a GeoJSON source, each frame a new layer filter. */
async function maplibreSetup(): Promise<{ ms: number }> {
  await reset();
  const lngLat = (window as unknown as { lngLat: Float32Array }).lngLat;
  const started = performance.now();
  const features = new Array(count);
  for (let i = 0; i < count; i++) {
    features[i] = { type: 'Feature', geometry: { type: 'Point', coordinates: [lngLat[2 * i], lngLat[2 * i + 1]] }, properties: { t: minutes![i] } };
  }
  map.addSource('incidents', { type: 'geojson', data: { type: 'FeatureCollection', features } });
  map.addLayer({ id: 'circles', type: 'circle', source: 'incidents', paint: { 'circle-radius': 2, 'circle-color': '#38bdf8' } });
  await nextFrame('idle');
  return { ms: performance.now() - started };
}

async function maplibrePlayback(frames: number): Promise<number[]> {
  const out: number[] = [];
  for (let f = 0; f < frames; f++) {
    const started = performance.now();
    map.setFilter('circles', ['all', ['>=', ['get', 't'], f * DAY], ['<=', ['get', 't'], (f + 7) * DAY - 1]]);
    // A filter is applied when the tiles are laid out again: the frame counts once the map is idle.
    await nextFrame('idle');
    out.push(performance.now() - started);
  }
  return out;
}

Object.assign(window, { bench: { binaryFirstFrame, jsonFirstFrame, deckPlayback, maplibreSetup, maplibrePlayback, loaded: () => loaded } });
