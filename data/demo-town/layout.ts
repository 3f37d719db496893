// The template of one copy of the town (in lattice blocks) and where the blind spots are planted.

import type { GridType } from './types';

/** A rectangle of blocks, [c0, c1) × [r0, r1), relative to its parent. */
export type BlockRect = { c0: number; r0: number; c1: number; r1: number };

export type CommunityKind = 'urban' | 'village';

export type CommunityTemplate = {
  key: string;
  street: 0 | 1;
  /** 3-digit community code inside its street (GB/T 10114: 居委会 0xx/1xx, 村委会 2xx). */
  seq: string;
  kind: CommunityKind;
  rect: BlockRect;
  /** Dedicated grids: index into the kind's grid template → which facility. */
  dedicated: Record<number, DedicatedKind>;
};

export type DedicatedKind = 'school' | 'hospital' | 'park' | 'enterprise';

/** Each template grid sits in one row band, so (r0, c0) order is west→east, north→south. */
export const GRID_TEMPLATES: Record<CommunityKind, BlockRect[]> = {
  urban: [
    { c0: 0, r0: 0, c1: 1, r1: 1 },
    { c0: 1, r0: 0, c1: 2, r1: 1 },
    { c0: 2, r0: 0, c1: 4, r1: 1 },
    { c0: 0, r0: 1, c1: 2, r1: 2 },
    { c0: 2, r0: 1, c1: 3, r1: 2 },
    { c0: 3, r0: 1, c1: 4, r1: 2 },
    { c0: 0, r0: 2, c1: 1, r1: 3 },
    { c0: 1, r0: 2, c1: 2, r1: 3 },
    { c0: 2, r0: 2, c1: 3, r1: 3 },
    { c0: 3, r0: 2, c1: 4, r1: 3 },
  ],
  village: [
    { c0: 0, r0: 0, c1: 1, r1: 2 },
    { c0: 1, r0: 0, c1: 2, r1: 2 },
    { c0: 2, r0: 0, c1: 3, r1: 2 },
    { c0: 3, r0: 0, c1: 4, r1: 2 },
    { c0: 0, r0: 2, c1: 1, r1: 4 },
    { c0: 1, r0: 2, c1: 3, r1: 4 },
    { c0: 3, r0: 2, c1: 4, r1: 4 },
    { c0: 0, r0: 4, c1: 2, r1: 6 },
    { c0: 2, r0: 4, c1: 3, r1: 6 },
    { c0: 3, r0: 4, c1: 4, r1: 6 },
  ],
};

export const STREET_RECTS: BlockRect[] = [
  { c0: 0, r0: 0, c1: 8, r1: 6 },
  { c0: 8, r0: 0, c1: 20, r1: 6 },
];

/** Community rects are relative to the copy (not the street). */
export const COMMUNITIES: CommunityTemplate[] = [
  { key: 'A1', street: 0, seq: '001', kind: 'urban', rect: { c0: 0, r0: 0, c1: 4, r1: 3 }, dedicated: { 9: 'school' } },
  { key: 'A2', street: 0, seq: '002', kind: 'urban', rect: { c0: 4, r0: 0, c1: 8, r1: 3 }, dedicated: { 6: 'hospital' } },
  { key: 'A3', street: 0, seq: '003', kind: 'urban', rect: { c0: 0, r0: 3, c1: 4, r1: 6 }, dedicated: {} },
  { key: 'A4', street: 0, seq: '004', kind: 'urban', rect: { c0: 4, r0: 3, c1: 8, r1: 6 }, dedicated: { 9: 'park' } },
  { key: 'B1', street: 1, seq: '001', kind: 'urban', rect: { c0: 8, r0: 0, c1: 12, r1: 3 }, dedicated: { 9: 'enterprise' } },
  { key: 'B2', street: 1, seq: '002', kind: 'urban', rect: { c0: 8, r0: 3, c1: 12, r1: 6 }, dedicated: { 6: 'school' } },
  { key: 'B3', street: 1, seq: '201', kind: 'village', rect: { c0: 12, r0: 0, c1: 16, r1: 6 }, dedicated: {} },
  { key: 'B4', street: 1, seq: '202', kind: 'village', rect: { c0: 16, r0: 0, c1: 20, r1: 6 }, dedicated: { 9: 'enterprise' } },
];

/**
 * Blind spots, planted in copy 0 only, addressed as community key + template grid index.
 * Half-cells are relative to the community's north-west half-lattice point.
 */
export const PLANTED = {
  /** The south-east quarter of this grid's block is left to no grid. */
  gap: { community: 'A1', grid: 4, halfCell: { i: 5, j: 3 }, households: 12 },
  /** This grid also claims the north-west quarter of its eastern neighbour. */
  overlap: { community: 'A2', grid: 1, into: 2, halfCell: { i: 4, j: 0 } },
  unstaffed: [
    { community: 'A3', grid: 5 },
    { community: 'B2', grid: 2 },
  ],
  noPartyMember: { community: 'A4', grid: 4 },
  unpatrolled: [
    { community: 'A2', grid: 8 },
    { community: 'B1', grid: 3 },
  ],
  oversized: { community: 'A3', grid: 7, households: 560 },
  undersized: { community: 'B1', grid: 5, households: 190 },
  /** No elderly-care point within reach of any household of this village. */
  elderlyCareGap: { community: 'B3' },
} as const;

/** Households of a village keep this far from the village boundary (farmland around hamlets). */
export const VILLAGE_SETBACK_M = 400;

export function gridTypeOf(c: CommunityTemplate, index: number): GridType {
  return c.dedicated[index] ? 'dedicated' : 'comprehensive';
}
