// The server's response shapes under the names the client uses, each derived from the server's
// TypeBox schema, so the client compiles against what the server sends. Kept as the one place the
// views import these from: a schema that moves changes a line here, not thirty imports.
// `import type` only: no server code reaches the bundle (types are erased).
import type { Static } from '@sinclair/typebox';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LiveEventType } from '../../../server/domain/live-events';
import type { BasemapId, GridType, RegionLevel } from '../../../server/domain/vocabulary';
import type { Bbox } from '../../../server/schemas/common.schema';
import type { LiveEventData } from '../../../server/schemas/events.schema';
import type { GridProperties as GridPropertiesSchema, GridsQuery } from '../../../server/schemas/grids.schema';
import type { RegionNodeSchema, RegionsResponse as RegionsResponseSchema } from '../../../server/schemas/regions.schema';
import type { Basemap, ClientConfig, Health } from '../../../server/schemas/system.schema';

export type { BasemapId, GridType, LiveEventData, LiveEventType, RegionLevel };

/** GET /api/config */
export type AppConfig = Static<typeof ClientConfig>;
export type BasemapConfig = Static<typeof Basemap>;

/** [minLng, minLat, maxLng, maxLat] in WGS84. */
export type BBox = Bbox;

/** GET /api/regions */
export type Region = Static<typeof RegionNodeSchema>;
export type RegionsResponse = Static<typeof RegionsResponseSchema>;

/** GET /api/grids */
export type GridProperties = Static<typeof GridPropertiesSchema>;
/**
 * The schema's geometry is any GeoJSON geometry (common.schema.ts keeps it loose so big
 * collections serialize fast); a grid's is a MultiPolygon, and the editor's drafts are Polygons.
 */
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
export type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties>;

/** What the client asks GET /api/grids for: the bbox as numbers, written as the query's text. */
export interface GridQuery {
  region?: Static<typeof GridsQuery>['region'];
  bbox?: BBox;
}

/** GET /api/health */
export type HealthResponse = Static<typeof Health>;
