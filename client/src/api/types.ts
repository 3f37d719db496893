// Response shapes of the server API. Temporary home: these will be imported from the server's
// TypeBox schemas once they exist, so keep them to exactly what the server promises.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type BasemapId = 'offline' | 'tianditu' | 'osm' | 'style';

export type BasemapConfig =
  | { id: 'offline' }
  | { id: 'tianditu'; key: string }
  | { id: 'osm' }
  | { id: 'style'; url: string };

export interface AppConfig {
  basemaps: BasemapConfig[];
  defaultBasemap: BasemapId;
  center: [number, number];
  zoom: number;
}

export type RegionLevel = 'county' | 'street' | 'community';

export type BBox = [number, number, number, number];

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  bbox: BBox | null;
  children: Region[];
}

export interface RegionsResponse {
  regions: Region[];
}

export type GridType = 'comprehensive' | 'dedicated';

export interface GridProperties {
  id: number;
  code: string;
  name: string;
  type: GridType;
  communityCode: string;
  householdCount: number;
  version: number;
}

export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
export type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties>;

export interface HealthResponse {
  status: 'ok';
  db: { engine: 'pglite' | 'postgres'; postgis: string };
}

export interface GridQuery {
  region?: string;
  bbox?: BBox;
}
