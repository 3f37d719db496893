import { describe, expect, it } from 'vitest';
import { normalizeTrackingCode } from '../../../server/domain/tracking-code';

describe('tracking code normalisation', () => {
  it('keeps a canonical code as it is', () => {
    expect(normalizeTrackingCode('7K3M-9QX2-P4TD-H8BW')).toBe('7K3M-9QX2-P4TD-H8BW');
  });

  it('accepts lower case, missing dashes and spaces around and between groups', () => {
    expect(normalizeTrackingCode(' 7k3m9qx2p4tdh8bw ')).toBe('7K3M-9QX2-P4TD-H8BW');
    expect(normalizeTrackingCode('7k3m 9qx2 p4td h8bw')).toBe('7K3M-9QX2-P4TD-H8BW');
  });

  it('reads the look-alike letters as Crockford does: I and L as 1, O as 0', () => {
    expect(normalizeTrackingCode('7K3M-9QX2-P4TD-HOBI')).toBe('7K3M-9QX2-P4TD-H0B1');
    expect(normalizeTrackingCode('lk3m-9qx2-p4td-h8bw')).toBe('1K3M-9QX2-P4TD-H8BW');
  });

  it('refuses what cannot be a code: wrong length, U, other characters', () => {
    expect(normalizeTrackingCode('')).toBeNull();
    expect(normalizeTrackingCode('7K3M-9QX2-P4TD-H8B')).toBeNull();
    expect(normalizeTrackingCode('7K3M-9QX2-P4TD-H8BWX')).toBeNull();
    expect(normalizeTrackingCode('7K3M-9QX2-P4TD-H8BU')).toBeNull();
    expect(normalizeTrackingCode('7K3M/9QX2/P4TD/H8BW')).toBeNull();
    expect(normalizeTrackingCode('查询码7K3M9QX2P4TDH8')).toBeNull();
  });
});
