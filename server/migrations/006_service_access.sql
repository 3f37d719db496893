-- Service access, kept by the write paths: each household's distance (metres, on the ellipsoid) to
-- the nearest service point of each category. A county-wide service blind-spot report is then an
-- aggregate over this table instead of a geodesic search per household and category.
-- Distances are exact when they are at most the access radius (2000 m); beyond it a value may be
-- larger than the truth (NULL: no point of that category anywhere) — never smaller.
CREATE TABLE household_service_access (
  household_id bigint PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
  county_code  text NOT NULL,
  safety       double precision,
  volunteer    double precision,
  education    double precision,
  convenience  double precision,
  culture      double precision,
  health       double precision,
  elderly_care double precision,
  emergency    double precision
);
CREATE INDEX household_service_access_county_idx ON household_service_access (county_code);

-- Nearest-neighbour search by geodesic distance, one index per category so a search for the
-- nearest clinic never walks past schools and shops.
CREATE INDEX service_points_safety_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'safety';
CREATE INDEX service_points_volunteer_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'volunteer';
CREATE INDEX service_points_education_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'education';
CREATE INDEX service_points_convenience_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'convenience';
CREATE INDEX service_points_culture_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'culture';
CREATE INDEX service_points_health_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'health';
CREATE INDEX service_points_elderly_care_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'elderly_care';
CREATE INDEX service_points_emergency_geography_idx ON service_points USING gist ((geom::geography)) WHERE category = 'emergency';

-- The map area beyond each service's reach, per region, category and distance: an expensive union
-- of buffers, computed on first use and dropped whenever service points or regions change.
CREATE TABLE service_gap_areas (
  region_code text NOT NULL,
  category    text NOT NULL,
  distance_m  double precision NOT NULL,
  geom        geometry(MultiPolygon, 4326),
  area_m2     double precision NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, category, distance_m)
);

-- Deadline windows of the coverage report (按期结案率, overdue) per county.
CREATE INDEX incidents_county_deadline_idx ON incidents (county_code, deadline_at);
CREATE INDEX incidents_county_open_deadline_idx ON incidents (county_code, deadline_at) WHERE status NOT IN ('closed', 'rejected');
