import { useEffect, useState } from 'react';

/** The wall is designed at 1920×1080; on a 3840-wide screen everything is drawn twice as large. */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
/** The smallest unit the wall is drawn at: its type is unreadable below half size. */
export const MIN_UNIT = 0.5;
/** The smallest window the wall fits in whole: the design at MIN_UNIT (960×540). */
export const MIN_WALL = { width: DESIGN_WIDTH * MIN_UNIT, height: DESIGN_HEIGHT * MIN_UNIT };

export function screenUnit(width: number, height: number): number {
  return Math.max(MIN_UNIT, Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT));
}

/** Whether the wall fits the window; below this it would be cut off (a phone, a small laptop window). */
export function wallFitsScreen(width: number, height: number): boolean {
  return width >= MIN_WALL.width && height >= MIN_WALL.height;
}

/** How much to shrink the smallest wall to show it whole in a window it does not fit. */
export function shrinkToFit(width: number, height: number): number {
  return Math.min(1, width / MIN_WALL.width, height / MIN_WALL.height);
}

export interface Screen {
  unit: number;
  width: number;
  height: number;
}

const measure = (): Screen => ({ unit: screenUnit(window.innerWidth, window.innerHeight), width: window.innerWidth, height: window.innerHeight });

export function useScreen(): Screen {
  const [screen, setScreen] = useState(measure);
  useEffect(() => {
    const onResize = () => setScreen(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return screen;
}
