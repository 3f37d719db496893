import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/http-client';
import { isNoAnswer, refusalOf } from '../../../client/src/views/report/report-errors';

function refused(status: number, code: string | null, details?: unknown) {
  const error = new ApiError('/api/reports', status, code, 'server words');
  return details === undefined ? error : Object.assign(error, { details });
}

describe('what the page says when the server refuses a report', () => {
  it('too many reports: in how many minutes to try again, rounded up', () => {
    expect(refusalOf(refused(429, 'too_many_reports', { retryAfterSeconds: 1500 }))).toEqual({ key: 'report.refusal.tooMany', params: { minutes: 25 } });
    expect(refusalOf(refused(429, 'too_many_reports', { retryAfterSeconds: 61 }))).toEqual({ key: 'report.refusal.tooMany', params: { minutes: 2 } });
    expect(refusalOf(refused(429, 'too_many_reports', { retryAfterSeconds: 5 }))).toEqual({ key: 'report.refusal.tooMany', params: { minutes: 1 } });
    expect(refusalOf(refused(429, 'too_many_reports'))).toEqual({ key: 'report.refusal.tooManyLater' });
    expect(refusalOf(refused(429, null))).toEqual({ key: 'report.refusal.tooManyLater' });
  });

  it('the honeypot was filled', () => {
    expect(refusalOf(refused(422, 'spam_suspected', { parameter: 'website' }))).toEqual({ key: 'report.refusal.spam' });
  });

  it('a photo too large or of the wrong type: which photo, when the server says', () => {
    expect(refusalOf(refused(413, 'photo_too_large', { parameter: 'photos/1' }))).toEqual({
      key: 'report.refusal.photoTooLarge',
      field: 'photos',
      photoIndex: 1,
    });
    expect(refusalOf(refused(415, 'photo_type', { parameter: 'photos/0' }))).toEqual({ key: 'report.refusal.photoType', field: 'photos', photoIndex: 0 });
    expect(refusalOf(refused(415, 'photo_type'))).toEqual({ key: 'report.refusal.photoType', field: 'photos' });
    expect(refusalOf(refused(422, 'photo_unreadable', { parameter: 'photos/2' }))).toEqual({ key: 'report.refusal.photos', field: 'photos', photoIndex: 2 });
  });

  it('a place outside every region points at the location', () => {
    expect(refusalOf(refused(422, 'outside_regions', { parameter: 'location' }))).toEqual({ key: 'report.refusal.outside', field: 'location' });
  });

  it('a 400 points at the field it is about', () => {
    expect(refusalOf(refused(400, 'invalid_phone', { parameter: 'phone' }))).toEqual({ key: 'report.problem.phone', field: 'phone' });
    expect(refusalOf(refused(400, 'invalid_request', { parameter: 'description' }))).toEqual({ key: 'report.refusal.description', field: 'description' });
    expect(refusalOf(refused(400, 'invalid_request', [{ path: '/body/location/coordinates/0', message: 'must be <= 180' }]))).toEqual({
      key: 'report.problem.location',
      field: 'location',
    });
    expect(refusalOf(refused(400, 'invalid_request', [{ path: '/body/photos/1/data', message: 'too long' }]))).toEqual({
      key: 'report.refusal.photos',
      field: 'photos',
      photoIndex: 1,
    });
    expect(refusalOf(refused(400, 'invalid_request', [{ path: '/body', message: 'must NOT have additional properties' }]))).toEqual({
      key: 'report.refusal.invalid',
    });
    expect(refusalOf(refused(400, 'invalid_json'))).toEqual({ key: 'report.refusal.invalid' });
  });

  it('a body too large as a whole, and a write still running', () => {
    expect(refusalOf(refused(413, 'payload_too_large'))).toEqual({ key: 'report.refusal.tooBig', field: 'photos' });
    expect(refusalOf(refused(409, 'request_in_progress'))).toEqual({ key: 'report.refusal.inProgress' });
  });

  it('looking up and rating a report', () => {
    expect(refusalOf(refused(404, 'not_found'))).toEqual({ key: 'report.refusal.notFound' });
    expect(refusalOf(refused(409, 'not_closed', { status: 'dispatched' }))).toEqual({ key: 'report.refusal.notClosed' });
    expect(refusalOf(refused(409, 'already_rated'))).toEqual({ key: 'report.refusal.alreadyRated' });
  });

  it('the server failing, an unknown refusal, and no answer at all', () => {
    expect(refusalOf(refused(503, 'database_unavailable'))).toEqual({ key: 'report.refusal.server' });
    expect(refusalOf(refused(500, 'internal_error'))).toEqual({ key: 'report.refusal.server' });
    expect(refusalOf(refused(418, 'teapot'))).toEqual({ key: 'report.refusal.unknown', params: { status: 418 } });
    expect(refusalOf(new TypeError('Failed to fetch'))).toEqual({ key: 'report.refusal.network' });
  });

  it('only a missing answer keeps the Idempotency-Key for a resend', () => {
    expect(isNoAnswer(new TypeError('Failed to fetch'))).toBe(true);
    expect(isNoAnswer(refused(422, 'spam_suspected'))).toBe(false);
    expect(isNoAnswer(refused(503, 'database_unavailable'))).toBe(false);
  });
});
