// Pure parts of the editor's issue-17 fixes: server reasons in the user's language, the keyboard,
// the selection after a save, why a load failed, and the blind-spot to-do list.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/request';
import { translate } from '../../../client/src/i18n/lang';
import type { MessageKey } from '../../../client/src/i18n/zh-CN';
import { spotBounds, type TodoSpot, todoGroups } from '../../../client/src/views/edit/blind-spot-todo';
import { editKeyAction, type KeyPress } from '../../../client/src/views/edit/edit-keys';
import { historyReasonText } from '../../../client/src/views/edit/history-reason';
import { loadFailureCause } from '../../../client/src/views/edit/load-failure';
import { savedSelection } from '../../../client/src/views/edit/pending-edit';

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

describe('history reasons', () => {
  it("shows the server's own revert reason in the user's language, old rows included", () => {
    expect(historyReasonText('revert to version 2', zh)).toBe('恢复到第 2 版');
    expect(historyReasonText('revert to version 12', en)).toBe('restored to version 12');
  });

  it("leaves the supervisor's own words as written", () => {
    expect(historyReasonText('道路改线', zh)).toBe('道路改线');
    expect(historyReasonText('please revert to version 2 later', zh)).toBe('please revert to version 2 later');
  });
});

describe('editor keys', () => {
  const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it('undoes with Ctrl+Z or Cmd+Z, redoes with Ctrl+Shift+Z or Ctrl+Y, cancels with Esc', () => {
    expect(editKeyAction(press('z', { ctrlKey: true }), false)).toBe('undo');
    expect(editKeyAction(press('z', { metaKey: true }), false)).toBe('undo');
    expect(editKeyAction(press('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(editKeyAction(press('y', { ctrlKey: true }), false)).toBe('redo');
    expect(editKeyAction(press('Escape'), false)).toBe('cancel');
  });

  it('leaves other keys alone, and every key while the user types', () => {
    expect(editKeyAction(press('z'), false)).toBeNull();
    expect(editKeyAction(press('s', { ctrlKey: true }), false)).toBeNull();
    expect(editKeyAction(press('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(editKeyAction(press('z', { ctrlKey: true }), true)).toBeNull();
    expect(editKeyAction(press('Escape'), true)).toBeNull();
  });
});

describe('the selection after a save', () => {
  it('stays on the edited grid even when the saved grids come back in code order with a neighbour first', () => {
    const reshape = { kind: 'reshape' as const, gridId: 7, version: 1, geometry: { type: 'Polygon' as const, coordinates: [] }, linked: [] };
    expect(savedSelection(reshape, [3, 7])).toEqual([7]);
  });

  it('goes to the first saved grid when the edited one is gone (a merge, a new grid), and to none after a delete', () => {
    expect(savedSelection({ kind: 'merge', ids: [4, 5], versions: [1, 1] }, [4])).toEqual([4]);
    expect(savedSelection({ kind: 'split', gridId: 9, version: 1, line: { type: 'LineString', coordinates: [] } }, [11, 12])).toEqual([11]);
    expect(savedSelection({ kind: 'delete', gridId: 9, version: 1 }, [])).toEqual([]);
  });
});

describe('why a load failed', () => {
  it('tells no answer, a server fault, a refusal of rights and another refusal apart', () => {
    expect(loadFailureCause(new TypeError('Failed to fetch'))).toBe('offline');
    expect(loadFailureCause(new ApiError('/api/grids', 503, null, '503'))).toBe('server');
    expect(loadFailureCause(new ApiError('/api/grids', 403, 'forbidden', 'no'))).toBe('denied');
    expect(loadFailureCause(new ApiError('/api/grids', 400, 'invalid_filter', 'bad'))).toBe('refused');
  });
});

describe('the blind-spot to-do list', () => {
  const spot = (kind: string, severity: TodoSpot['properties']['severity'], geometry: TodoSpot['geometry'] = null): TodoSpot => ({
    geometry,
    properties: { kind, severity, explanation: { 'zh-CN': kind, en: kind } },
  });

  it('groups by kind, what an editor fixes first, the most severe first within a kind', () => {
    const groups = todoGroups([
      spot('grid_unpatrolled', 'medium'),
      spot('worker_overloaded', 'medium'),
      spot('gap', 'low'),
      spot('gap', 'high'),
      spot('new_kind', 'low'),
    ]);
    expect(groups.map((g) => [g.kind, g.spots.length])).toEqual([
      ['gap', 2],
      ['worker_overloaded', 1],
      ['grid_unpatrolled', 1],
      ['new_kind', 1],
    ]);
    expect(groups[0].spots.map((s) => s.properties.severity)).toEqual(['high', 'low']);
  });

  it('zooms to the box of any geometry, a lone household with room around it', () => {
    expect(
      spotBounds({
        type: 'Polygon',
        coordinates: [
          [
            [1, 2],
            [3, 2],
            [3, 5],
            [1, 2],
          ],
        ],
      }),
    ).toEqual([1, 2, 3, 5]);
    const point = spotBounds({ type: 'Point', coordinates: [120, 33] })!;
    expect(point[0]).toBeLessThan(120);
    expect(point[2]).toBeGreaterThan(120);
    expect(
      spotBounds({
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [1, 1] },
          { type: 'Point', coordinates: [2, 3] },
        ],
      } as never),
    ).toEqual([1, 1, 2, 3]);
    expect(spotBounds(null)).toBeNull();
  });
});
