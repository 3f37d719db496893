import { describe, expect, it } from 'vitest';
import { createReportsClient } from '../../../client/src/api/reports-client';
import { ApiError, type FetchLike } from '../../../client/src/api/http-client';
import { translate } from '../../../client/src/i18n/lang';
import { eventKey, ratingKey, statusHintKey, statusKey, stepsOf } from '../../../client/src/views/report/report-status';

describe('the progress of a report', () => {
  it('a fresh report is at its first step', () => {
    expect(stepsOf('reported')).toEqual([
      { status: 'reported', state: 'current' },
      { status: 'accepted', state: 'todo' },
      { status: 'dispatched', state: 'todo' },
      { status: 'handled', state: 'todo' },
      { status: 'verified', state: 'todo' },
      { status: 'closed', state: 'todo' },
    ]);
  });

  it('a dispatched report has three steps behind it', () => {
    expect(stepsOf('dispatched').map((s) => s.state)).toEqual(['done', 'done', 'current', 'todo', 'todo', 'todo']);
  });

  it('a closed report has every step done', () => {
    expect(stepsOf('closed').map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
  });

  it('a rejected report stops after it was reported', () => {
    expect(stepsOf('rejected')).toEqual([
      { status: 'reported', state: 'done' },
      { status: 'rejected', state: 'current' },
    ]);
  });

  it('a status it does not know shows where it started', () => {
    expect(stepsOf('archived').map((s) => s.state)).toEqual(['current', 'todo', 'todo', 'todo', 'todo', 'todo']);
  });
});

describe('plain names for statuses, events and ratings', () => {
  it('names the statuses as residents read them', () => {
    expect(translate('zh-CN', statusKey('reported'))).toBe('已上报');
    expect(translate('zh-CN', statusKey('closed'))).toBe('已结案');
    expect(translate('zh-CN', statusKey('rejected'))).toBe('不予立案');
    expect(translate('zh-CN', statusKey('frozen'))).toBe('处理中');
    expect(translate('zh-CN', statusHintKey('dispatched'))).toBe('已派给网格员，正在处理。');
    expect(translate('en', statusKey('closed'))).toBe('Closed');
  });

  it('names every timeline event the server writes, and something for a new one', () => {
    for (const event of [
      'report',
      'accept',
      'reject',
      'dispatch',
      'acknowledge',
      'handle',
      'verify',
      'close',
      'return',
      'escalate',
      'extend',
      'handover',
      'alert',
      'rate',
    ]) {
      expect(eventKey(event)).toBe(`report.event.${event}`);
    }
    expect(eventKey('teleport')).toBe('report.event.other');
  });

  it('names the three ratings', () => {
    expect(['satisfied', 'basically_satisfied', 'dissatisfied'].map((r) => translate('zh-CN', ratingKey(r)))).toEqual(['满意', '基本满意', '不满意']);
    expect(ratingKey('meh')).toBe('report.rating.other');
  });
});

describe('the reports API client', () => {
  function recording(status: number, body: unknown) {
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    };
    return { calls, client: createReportsClient('http://x', fetchImpl) };
  }

  it('posts a report as JSON with its Idempotency-Key', async () => {
    const receipt = { trackingCode: '7K3M-9QX2-P4TD-H8BW', status: 'reported', reportedAt: '2026-12-04T08:00:00.000Z', photos: 0 };
    const { calls, client } = recording(201, receipt);
    const body = {
      category: 'traffic' as const,
      description: '乱停车',
      location: { type: 'Point' as const, coordinates: [120.1, 33.7] as [number, number] },
      website: '',
    };
    expect(await client.create(body, 'report-key-1')).toEqual(receipt);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('http://x/api/reports');
    expect(calls[0].init?.method).toBe('POST');
    expect(calls[0].init?.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': 'report-key-1' });
    expect(JSON.parse(String(calls[0].init?.body))).toEqual(body);
  });

  it('reads a report and posts a rating under its code', async () => {
    const { calls, client } = recording(200, { trackingCode: '7K3M-9QX2-P4TD-H8BW' });
    await client.get('7K3M-9QX2-P4TD-H8BW');
    await client.rate('7K3M-9QX2-P4TD-H8BW', { rating: 'satisfied', comment: '很快' });
    expect(calls.map((c) => [c.init?.method, c.url])).toEqual([
      ['GET', 'http://x/api/reports/7K3M-9QX2-P4TD-H8BW'],
      ['POST', 'http://x/api/reports/7K3M-9QX2-P4TD-H8BW/rating'],
    ]);
  });

  it('turns a refusal into an ApiError with the code and details', async () => {
    const { client } = recording(429, { error: { code: 'too_many_reports', message: 'slow down', details: { retryAfterSeconds: 600 } } });
    const error = await client.create({ category: 'traffic', description: 'x', location: { type: 'Point', coordinates: [0, 0] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'too_many_reports', details: { retryAfterSeconds: 600 } });
  });
});
