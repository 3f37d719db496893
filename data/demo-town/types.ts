import type { IncidentCategory, IncidentSource, Priority, ServiceCategory } from './config';
import type { Lifecycle } from './lifecycle';
import type { Position } from '../../server/domain/geojson';
import type { GridType, RegionLevel } from '../../server/domain/vocabulary';

export type { GridType, Position, RegionLevel };
export type Ring = Position[];
/** GeoJSON MultiPolygon coordinates: [[exterior, ...holes], ...] */
export type MultiPolygonCoords = Ring[][];

export type Region = {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  countyCode: string;
  boundary: MultiPolygonCoords;
};

export type Grid = {
  code: string;
  name: string;
  type: GridType;
  communityCode: string;
  countyCode: string;
  geom: MultiPolygonCoords;
};

export type Road = {
  name: string;
  kind: 'main' | 'minor';
  streetCode: string;
  coordinates: Position[];
};

export type Household = {
  externalId: string;
  address: string;
  population: number;
  elderlyAlone: boolean;
  disabled: boolean;
  lowIncome: boolean;
  keyCare: boolean;
  lng: number;
  lat: number;
  /** The grid the generator placed it in (the database recomputes the home grid from geometry). */
  gridCode: string | null;
  communityCode: string;
};

export type ServicePoint = {
  name: string;
  category: ServiceCategory;
  communityCode: string;
  lng: number;
  lat: number;
};

export type WorkerRole = 'full_time' | 'part_time' | 'grid_leader';

export type Worker = {
  /** Unique within the county; the seeder uses it to find the database id again. */
  phone: string;
  /**
   * The number on the grid's notice board (公示电话) that residents may call: full-time workers and
   * leaders publish their work mobile, part-time volunteers none.
   */
  publicPhone: string | null;
  name: string;
  role: WorkerRole;
  isPartyMember: boolean;
  gridCodes: string[];
  assignedAt: number;
};

export type PartyGroup = { gridCode: string; name: string; memberCount: number };

export type PatrolVisit = {
  workerPhone: string;
  gridCode: string;
  householdExternalId: string | null;
  lng: number;
  lat: number;
  visitedAt: number;
};

export type IncidentEventKind = 'report' | 'accept' | 'reject' | 'dispatch' | 'handle' | 'verify' | 'close' | 'return' | 'escalate' | 'extend';

export type IncidentEvent = { event: IncidentEventKind; actor: string; note: string | null; at: number };

/** Timestamps are epoch milliseconds; null where the stage has not happened (yet). */
export type Incident = {
  externalId: string;
  category: IncidentCategory;
  source: IncidentSource;
  priority: Priority;
  description: string;
  lng: number;
  lat: number;
  reportedAt: number;
} & Lifecycle;

/** One copy of the town: two streets and everything in them. */
export type TownCopy = {
  index: number;
  streets: Region[];
  communities: Region[];
  grids: Grid[];
  roads: Road[];
  households: Household[];
  servicePoints: ServicePoint[];
  workers: Worker[];
  partyGroups: PartyGroup[];
  incidents: Incident[];
  patrols: PatrolVisit[];
};

export type Planted = {
  gap: { gridCode: string; communityCode: string; ring: Ring; householdExternalIds: string[] };
  overlap: { gridCode: string; intoGridCode: string; communityCode: string; ring: Ring };
  unstaffedGridCodes: string[];
  noPartyMemberGridCode: string;
  unpatrolledGridCodes: string[];
  oversizedGridCode: string;
  undersizedGridCode: string;
  elderlyCareGapCommunityCode: string;
};
