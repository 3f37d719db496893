import { describe, expect, it } from 'vitest';
import { parseWallUrl } from '../../../client/src/views/wall/wall-url';
import { qrMatrix } from '../../../client/src/views/admin/qr-matrix';
import { wallLink } from '../../../client/src/views/admin/wall-link';

const TOKEN = `wgd_${'A'.repeat(43)}`;

describe('the address a wall opens with its token', () => {
  it('is /wall on this server with the token, and the region when one is chosen, as the wall reads it', () => {
    const url = wallLink('https://wangge.example.cn', TOKEN, '320924001');
    expect(url).toBe(`https://wangge.example.cn/wall?token=${TOKEN}&region=320924001`);
    expect(parseWallUrl(new URL(url).search)).toMatchObject({ token: TOKEN, region: '320924001' });
    expect(wallLink('http://localhost:5173', TOKEN, null)).toBe(`http://localhost:5173/wall?token=${TOKEN}`);
  });
});

describe('its QR code', () => {
  it('is a square of a QR version’s size with the three finder patterns in its corners', () => {
    const matrix = qrMatrix(wallLink('https://wangge.example.cn', TOKEN, '320924001'));
    const size = matrix.length;
    expect((size - 17) % 4).toBe(0);
    expect(matrix.every((row) => row.length === size)).toBe(true);
    // A finder: a dark 7×7 ring, a light ring inside it, a dark 3×3 centre.
    const finderAt = (top: number, left: number) =>
      Array.from({ length: 7 }, (_, y) =>
        Array.from({ length: 7 }, (_, x) => {
          const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
          return matrix[top + y][left + x] === (ring !== 2);
        }).every(Boolean),
      ).every(Boolean);
    expect([finderAt(0, 0), finderAt(0, size - 7), finderAt(size - 7, 0)]).toEqual([true, true, true]);
  });

  it('differs for another token', () => {
    expect(qrMatrix(wallLink('https://a.cn', TOKEN, null))).not.toEqual(qrMatrix(wallLink('https://a.cn', `wgd_${'B'.repeat(43)}`, null)));
  });
});
