import { describe, expect, it } from 'vitest';
import {
  loadMyReports,
  MY_REPORTS_KEY,
  MY_REPORTS_MAX,
  parseMyReports,
  saveMyReports,
  withReport,
  withStatus,
  type KeyValueStore,
  type MyReport,
} from '../../../client/src/views/report/my-reports';

const a: MyReport = { code: 'AAAA-BBBB-CCCC-DDDD', category: 'facility', reportedAt: '2026-12-01T08:00:00.000Z', status: 'reported' };
const b: MyReport = { code: 'EEEE-FFFF-GGGG-HHHH', category: 'traffic', reportedAt: '2026-12-02T09:30:00.000Z', status: 'dispatched' };

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('my reports (localStorage)', () => {
  it('puts a new report first', () => {
    expect(withReport([a], b)).toEqual([b, a]);
  });

  it('replaces an entry with the same code instead of listing it twice', () => {
    expect(withReport([a, b], { ...a, status: 'closed' })).toEqual([{ ...a, status: 'closed' }, b]);
  });

  it('keeps at most MY_REPORTS_MAX entries, dropping the oldest', () => {
    const many = Array.from({ length: MY_REPORTS_MAX }, (_, i) => ({ ...a, code: `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}` }));
    const next = withReport(many, b);
    expect(next).toHaveLength(MY_REPORTS_MAX);
    expect(next[0]).toEqual(b);
    expect(next.at(-1)).toEqual(many[MY_REPORTS_MAX - 2]);
  });

  it('records the status last seen, and leaves the list alone when nothing changes', () => {
    const list = [a, b];
    expect(withStatus(list, a.code, 'accepted')).toEqual([{ ...a, status: 'accepted' }, b]);
    expect(withStatus(list, a.code, 'reported')).toBe(list);
    expect(withStatus(list, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'closed')).toBe(list);
  });

  it('reads back what it saved', () => {
    const store = memoryStore();
    expect(saveMyReports([b, a], store)).toBe(true);
    expect(loadMyReports(store)).toEqual([b, a]);
  });

  it('drops malformed or duplicated entries and never throws on what it finds stored', () => {
    expect(parseMyReports(null)).toEqual([]);
    expect(parseMyReports('not json')).toEqual([]);
    expect(parseMyReports('{"code":"x"}')).toEqual([]);
    const stored = JSON.stringify([a, { code: 'nope', category: 'x', reportedAt: 'y', status: 'z' }, { ...a, status: 'closed' }, 42, null, b]);
    expect(parseMyReports(stored)).toEqual([a, b]);
    expect(loadMyReports(memoryStore({ [MY_REPORTS_KEY]: stored }))).toEqual([a, b]);
  });

  it('says so when the browser will not keep the list', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(saveMyReports([a], broken)).toBe(false);
    expect(saveMyReports([a], null)).toBe(false);
    expect(loadMyReports(broken)).toEqual([]);
  });
});
