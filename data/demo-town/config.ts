// Fixed facts of the demo town. Everything the generator varies comes from the seed below.
// The domain's vocabularies and deadlines are the server's: one definition, used by both.
import { DEFAULT_DEADLINE_HOURS } from '../../server/domain/deadlines';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_PRIORITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  SERVICE_CATEGORIES,
  type IncidentCategory,
  type IncidentPriority as Priority,
  type IncidentSource,
  type IncidentStatus,
  type ServiceCategory,
} from '../../server/domain/vocabulary';

export { INCIDENT_CATEGORIES, INCIDENT_SOURCES, INCIDENT_STATUSES, SERVICE_CATEGORIES };
export const PRIORITIES = INCIDENT_PRIORITIES;
export type { IncidentCategory, IncidentSource, IncidentStatus, Priority, ServiceCategory };

/** Handling deadline per category, counted from dispatch (数字城管 处置时限): the server's defaults. */
export const DEADLINE_HOURS: Record<IncidentCategory, number> = DEFAULT_DEADLINE_HOURS;

export const DEFAULT_SEED = 20261128;
/** The reference "now": incidents end here, patrols look back from here. */
export const DEFAULT_NOW = '2026-11-28T00:00:00+08:00';
export const TZ_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export const COUNTY_CODE = '320924';
export const COUNTY_NAME = '射阳县';
/** Street codes are 3 digits and each copy of the town adds two streets. */
export const MAX_SCALE = 499;

/** The north-west corner of copy 0, chosen so the scale-1 town centres near 120.26°E 33.77°N. */
export const ORIGIN_LNG = 120.2146;
export const ORIGIN_LAT = 33.7776;
/** Metres per degree at the origin latitude (local equirectangular frame). */
export const METRES_PER_DEG_LNG = 111_320 * Math.cos((ORIGIN_LAT * Math.PI) / 180);
export const METRES_PER_DEG_LAT = 110_940;

export const INCIDENTS_PER_COPY = 40_000;
export const INCIDENT_DAYS = 365;
export const PATROL_DAYS = 90;

/** Share of incidents per category (same order as INCIDENT_CATEGORIES). */
export const INCIDENT_CATEGORY_WEIGHTS = [30, 18, 12, 10, 10, 7, 10, 3];

export const INCIDENT_SOURCE_WEIGHTS = [40, 20, 20, 15, 5];

/** Life-circle radius used when planting the elderly-care blind spot (GB 50180-2018, 15 min). */
export const ELDERLY_CARE_RADIUS_M = 1000;
