// What a wall's URL says: /wall?token=…&region=CODE&rotate=60&lang=en. Pure, unit-tested.
import { isRegionCode } from '../../../../server/domain/region-code';

export interface WallUrlState {
  token: string | null;
  region: string | null;
  /** Seconds per community when cycling through them; null when not rotating. */
  rotateSeconds: number | null;
}

const TOKEN = /^[A-Za-z0-9_-]{8,200}$/;
export const MIN_ROTATE_SECONDS = 10;
export const MAX_ROTATE_SECONDS = 3600;

export function parseWallUrl(search: string): WallUrlState {
  const params = new URLSearchParams(search);
  const token = params.get('token');
  const region = params.get('region');
  const rotate = Number(params.get('rotate'));
  return {
    token: token && TOKEN.test(token) ? token : null,
    region: region && isRegionCode(region) ? region : null,
    rotateSeconds: Number.isFinite(rotate) && rotate > 0 ? Math.min(MAX_ROTATE_SECONDS, Math.max(MIN_ROTATE_SECONDS, Math.round(rotate))) : null,
  };
}
