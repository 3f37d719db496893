import { describe, expect, it } from 'vitest';
import { translate } from '../../../client/src/i18n/lang';
import {
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  EMPTY_DRAFT,
  firstProblem,
  formatLngLat,
  REPORT_CATEGORIES,
  reportBody,
  validateDraft,
  type ReportDraft,
} from '../../../client/src/views/report/report-form';
import { accuracyText, gridAt } from '../../../client/src/views/report/report-location';
import type { GridCollection } from '../../../client/src/api/types';

const good: ReportDraft = {
  category: 'facility',
  description: '  路灯坏了一周  ',
  location: [120.2601234567, 33.7712345678],
  phone: '',
  photos: [],
  website: '',
};

describe('checking a report before it is sent', () => {
  it('finds nothing wrong with a complete draft', () => {
    expect(validateDraft(good)).toEqual({});
  });

  it('names every missing part of an empty draft, in page order', () => {
    const problems = validateDraft(EMPTY_DRAFT);
    expect(problems).toEqual({
      category: 'report.problem.category',
      description: 'report.problem.descriptionEmpty',
      location: 'report.problem.location',
    });
    expect(firstProblem(problems)).toBe('category');
    expect(firstProblem({ phone: 'report.problem.phone', location: 'report.problem.location' })).toBe('location');
    expect(firstProblem({})).toBeNull();
  });

  it('counts characters as people do: four Chinese characters are enough, three are not', () => {
    expect(validateDraft({ ...good, description: '路灯坏了' }).description).toBeUndefined();
    expect(validateDraft({ ...good, description: ' 有垃圾 ' }).description).toBe('report.problem.descriptionShort');
    expect(validateDraft({ ...good, description: '   ' }).description).toBe('report.problem.descriptionEmpty');
    expect(validateDraft({ ...good, description: '坏'.repeat(DESCRIPTION_MAX + 1) }).description).toBe('report.problem.descriptionLong');
  });

  it('takes phone numbers as the server does', () => {
    for (const phone of ['13800138000', '+86 138-0013-8000', '0515-8888 6666', '12345', ' 0515 12345 ']) {
      expect(validateDraft({ ...good, phone }).phone, phone).toBeUndefined();
    }
    for (const phone of ['1234', '138abc00000', '138-', '86+138', '1'.repeat(21), '(0515) 8888']) {
      expect(validateDraft({ ...good, phone }).phone, phone).toBe('report.problem.phone');
    }
  });

  it('refuses a location that is not on the earth and more than three photos', () => {
    expect(validateDraft({ ...good, location: [200, 33] }).location).toBe('report.problem.location');
    expect(validateDraft({ ...good, location: [Number.NaN, 33] }).location).toBe('report.problem.location');
    const photo = { data: 'AAAA' };
    expect(validateDraft({ ...good, photos: [photo, photo, photo] }).photos).toBeUndefined();
    expect(validateDraft({ ...good, photos: [photo, photo, photo, photo] }).photos).toBe('report.problem.photosTooMany');
  });

  it('its messages state the limits the checks use', () => {
    expect(translate('zh-CN', 'report.problem.descriptionShort')).toContain(String(DESCRIPTION_MIN));
    expect(translate('en', 'report.problem.descriptionShort')).toContain(String(DESCRIPTION_MIN));
    expect(translate('zh-CN', 'report.problem.descriptionLong')).toContain(String(DESCRIPTION_MAX));
  });

  it('offers all eight incident categories, emergencies last', () => {
    expect([...REPORT_CATEGORIES].sort()).toEqual([
      'dispute',
      'emergency',
      'environment',
      'facility',
      'illegal_construction',
      'public_service',
      'safety_hazard',
      'traffic',
    ]);
    expect(REPORT_CATEGORIES.at(-1)).toBe('emergency');
  });
});

describe('the body sent to POST /api/reports', () => {
  it('is trimmed, rounded to six decimals, and always carries the (empty) honeypot', () => {
    expect(reportBody(good)).toEqual({
      category: 'facility',
      description: '路灯坏了一周',
      location: { type: 'Point', coordinates: [120.260123, 33.771235] },
      website: '',
    });
  });

  it('carries the phone and the photos when there are some', () => {
    expect(reportBody({ ...good, phone: ' 13800138000 ', photos: [{ data: 'AAAA' }, { data: 'BBBB' }], website: 'http://spam' })).toEqual({
      category: 'facility',
      description: '路灯坏了一周',
      location: { type: 'Point', coordinates: [120.260123, 33.771235] },
      phone: '13800138000',
      photos: [{ data: 'AAAA' }, { data: 'BBBB' }],
      website: 'http://spam',
    });
  });

  it('is never built from an unchecked draft', () => {
    expect(() => reportBody(EMPTY_DRAFT)).toThrow();
  });
});

describe('where the chosen point is', () => {
  const square = (x: number, y: number, size: number) => [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  const grids: GridCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] },
        properties: { id: 1, code: '320924001001001', name: '有洞网格', type: 'comprehensive', communityCode: '320924001001', householdCount: 300, version: 1 },
      },
      {
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 5)], [square(30, 0, 5)]] },
        properties: { id: 2, code: '320924001001002', name: '两块网格', type: 'dedicated', communityCode: '320924001001', householdCount: 0, version: 1 },
      },
    ],
  };

  it('finds the grid around the point, minding holes and every part of a multipolygon', () => {
    expect(gridAt([1, 1], grids)?.id).toBe(1);
    expect(gridAt([5, 5], grids)).toBeNull();
    expect(gridAt([32, 2], grids)?.id).toBe(2);
    expect(gridAt([15, 2], grids)).toBeNull();
    expect(gridAt([1, 1], null)).toBeNull();
  });

  it('formats positions and accuracy for reading', () => {
    expect(formatLngLat([120.2601234, 33.77])).toEqual({ lng: '120.26012', lat: '33.77000' });
    expect(accuracyText(12.4)).toEqual({ value: '12', unit: 'm' });
    expect(accuracyText(0.3)).toEqual({ value: '1', unit: 'm' });
    expect(accuracyText(1234)).toEqual({ value: '1.2', unit: 'km' });
  });
});
