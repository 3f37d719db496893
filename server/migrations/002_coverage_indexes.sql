-- Indexes the coverage engine leans on at county scale.
-- Open incidents per grid (overdue checks) and deadlines per grid (on-time rate windows).
CREATE INDEX incidents_open_grid_idx ON incidents (grid_id, deadline_at)
  WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX incidents_grid_deadline_idx ON incidents (grid_id, deadline_at);
CREATE INDEX service_points_category_idx ON service_points (category);
CREATE INDEX grid_assignments_worker_idx ON grid_assignments (worker_id);
CREATE INDEX regions_level_code_idx ON regions (level, code text_pattern_ops);
CREATE INDEX grids_code_pattern_idx ON grids (code text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX patrol_visits_household_idx ON patrol_visits (household_id, visited_at);
