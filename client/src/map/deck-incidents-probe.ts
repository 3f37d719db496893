// What the /analyze map's container offers browser tests and the console about the incidents deck
// draws: deck's own picking, and the incidents the GPU filter keeps.
import { useEffect, type RefObject } from 'react';
import type { LoadedIncidents } from '../views/analyze/incident-window';
import { keptBy } from './analysis-legend';
import type { DeckIncidentFilter } from './incident-deck-layers';
import type { MapContainer } from './use-overlay-map';
import type { DeckOverlay } from './use-deck-overlay';

export interface DeckIncidentsProbe {
  /** The id of the incident deck.gl picks at a pixel of the map, or null. */
  pick(x: number, y: number): number | null;
  /** Positions and ids of the incidents the GPU filter keeps. */
  kept(): { id: number; lng: number; lat: number; category: number }[];
}

/** Puts the probe on the container while deck draws `incidents` (null: it draws none); `drawnKey` names what deck drew. */
export function useDeckIncidentsProbe(
  containerRef: RefObject<HTMLDivElement | null>,
  deck: RefObject<DeckOverlay | null>,
  incidents: LoadedIncidents | null,
  gpuFilter: DeckIncidentFilter,
  drawnKey: string | null,
): void {
  useEffect(() => {
    const el = containerRef.current as (MapContainer & { deckIncidents?: DeckIncidentsProbe }) | null;
    if (!el) return;
    if (!incidents) {
      delete el.deckIncidents;
      return;
    }
    const kept = keptBy(incidents, gpuFilter.minutes, gpuFilter.categories);
    el.deckIncidents = {
      pick: (x, y) => {
        const info = deck.current?.pick(x, y, 2);
        return info && info.index >= 0 ? incidents.ids[info.index] : null;
      },
      kept: () => {
        const out: { id: number; lng: number; lat: number; category: number }[] = [];
        for (let i = 0; i < incidents.count; i++)
          if (kept(i)) out.push({ id: incidents.ids[i], lng: incidents.lngLat[2 * i], lat: incidents.lngLat[2 * i + 1], category: incidents.categories[i] });
        return out;
      },
    };
  }, [incidents, drawnKey]);
}
