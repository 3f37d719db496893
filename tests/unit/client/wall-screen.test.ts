import { describe, expect, it } from 'vitest';
import { MIN_WALL, shrinkToFit, wallFitsScreen } from '../../../client/src/views/wall/use-screen-unit';

describe('the wall on small screens', () => {
  it('fits a wall screen and a small laptop, not a phone', () => {
    expect(wallFitsScreen(1920, 1080)).toBe(true);
    expect(wallFitsScreen(1366, 768)).toBe(true);
    expect(wallFitsScreen(390, 844)).toBe(false);
    expect(wallFitsScreen(1024, 500)).toBe(false);
    expect(MIN_WALL).toEqual({ width: 960, height: 540 });
  });

  it('shrinks the smallest wall to the window when asked to show it anyway', () => {
    expect(shrinkToFit(390, 844)).toBeCloseTo(390 / 960);
    expect(shrinkToFit(900, 400)).toBeCloseTo(400 / 540);
    expect(shrinkToFit(1920, 1080)).toBe(1);
  });
});
