// How the wall's map frames its region: the region's grids as large as the panel allows, clear of
// the legend in the panel's bottom-left corner. Pure, unit-tested.
import type { BBox } from '../api/types';

export interface Size {
  width: number;
  height: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Width over height of a lng/lat box as Web Mercator draws it. */
export function mercatorAspect([west, south, east, north]: BBox): number {
  const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const dx = ((east - west) * Math.PI) / 180;
  const dy = y(north) - y(south);
  return dy > 0 ? dx / dy : Number.POSITIVE_INFINITY;
}

/**
 * fitBounds padding that keeps `bounds` off the legend (`legend` px, `inset` px from the panel's
 * left and bottom edges): a strip beside the legend or one above it, whichever leaves the bounds
 * drawn larger — a wide region sits above the legend, a tall one beside it. `margin` on every side.
 */
export function wallFitPadding(panel: Size, legend: Size, inset: number, bounds: BBox, margin: number): Padding {
  const aspect = mercatorAspect(bounds);
  const beside = { top: margin, right: margin, bottom: margin, left: Math.max(margin, inset + legend.width + margin) };
  const above = { top: margin, right: margin, bottom: Math.max(margin, inset + legend.height + margin), left: margin };
  // The height the bounds get within what the padding leaves (0 when it leaves nothing).
  const drawnHeight = (p: Padding) => {
    const w = panel.width - p.left - p.right;
    const h = panel.height - p.top - p.bottom;
    return w > 0 && h > 0 ? Math.min(w / aspect, h) : 0;
  };
  const best = drawnHeight(beside) >= drawnHeight(above) ? beside : above;
  // A panel too small for the legend and the bounds side by side: fit the bounds, legend or not.
  return drawnHeight(best) > 0 ? best : { top: margin, right: margin, bottom: margin, left: margin };
}
