-- The number a grid worker publishes to residents (公示电话: the one on the grid's notice board),
-- apart from `phone`, which is theirs and stays inside the system. NULL: they publish none. Only
-- this one is shown by the public "which grid am I in" lookup (GET /api/grid-lookup).
ALTER TABLE grid_workers
  ADD COLUMN public_phone text CHECK (public_phone ~ '^\+?[0-9][0-9 -]{2,22}[0-9]$');
