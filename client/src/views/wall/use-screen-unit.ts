import { useEffect, useState } from 'react';

/** The wall is designed at 1920×1080; on a 3840-wide screen everything is drawn twice as large. */
export const DESIGN_WIDTH = 1920;

export function screenUnit(width: number, height: number): number {
  return Math.max(0.5, Math.min(width / DESIGN_WIDTH, height / 1080));
}

export function useScreenUnit(): number {
  const [unit, setUnit] = useState(() => screenUnit(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setUnit(screenUnit(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return unit;
}
