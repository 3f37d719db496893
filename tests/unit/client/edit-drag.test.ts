import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { linkedEdit, mergeLinked, ringChanges, type NeighbourShape } from '../../../client/src/map/edit-topology';
import { cutAt } from '../../../client/src/map/edit-snapping';
import { crossesAt, noSelfCrossing } from '../../../client/src/map/ring-crossing';
import { copyAllSharingGeometry, copyJson } from '../../../client/src/map/terra-draw-speed';

const polygon = (...ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
// Two unit squares sharing the edge x = 1; the west one is reshaped.
const west = polygon([0, 0], [1, 0], [1, 1], [0, 1]);
const east: NeighbourShape = { gridId: 2, version: 3, geometry: polygon([1, 0], [2, 0], [2, 1], [1, 1]) };
const far: NeighbourShape = { gridId: 3, version: 1, geometry: polygon([5, 5], [6, 5], [6, 6], [5, 6]) };

describe('ringChanges', () => {
  it('finds a moved, an inserted and a deleted vertex', () => {
    expect(ringChanges(west.coordinates[0], polygon([0, 0], [1.2, 0], [1, 1], [0, 1]).coordinates[0])).toEqual([{ kind: 'move', from: [1, 0], to: [1.2, 0] }]);
    expect(ringChanges(west.coordinates[0], polygon([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1]).coordinates[0])).toEqual([
      {
        kind: 'insert',
        at: [1, 0.5],
        between: [
          [1, 0],
          [1, 1],
        ],
      },
    ]);
    expect(ringChanges(west.coordinates[0], polygon([0, 0], [1, 0], [0, 1]).coordinates[0])).toEqual([
      {
        kind: 'delete',
        at: [1, 1],
        between: [
          [1, 0],
          [0, 1],
        ],
      },
    ]);
  });

  it('sees an insertion on the closing edge and nothing in a ring changed otherwise', () => {
    expect(ringChanges(west.coordinates[0], polygon([0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]).coordinates[0])).toEqual([
      {
        kind: 'insert',
        at: [0, 0.5],
        between: [
          [0, 1],
          [0, 0],
        ],
      },
    ]);
    expect(ringChanges(west.coordinates[0], polygon([0, 0], [3, 3]).coordinates[0])).toEqual([]);
  });
});

describe('linkedEdit', () => {
  it("moves the neighbour's copy of a dragged shared vertex, leaving other grids out", () => {
    const after = polygon([0, 0], [1.2, 0], [1, 1], [0, 1]);
    expect(linkedEdit(west, after, [east, far], 1e-6)).toEqual([{ ...east, geometry: polygon([1.2, 0], [2, 0], [2, 1], [1, 1]) }]);
  });

  it("moves a neighbour's vertex within the tolerance, the nearest only", () => {
    const near: NeighbourShape = { ...east, geometry: polygon([1.00001, 0], [1.00002, 0.00001], [2, 0], [2, 1], [1, 1]) };
    const [moved] = linkedEdit(west, polygon([0, 0], [1.2, 0], [1, 1], [0, 1]), [near], 1e-4);
    expect(moved.geometry).toEqual(polygon([1.2, 0], [1.00002, 0.00001], [2, 0], [2, 1], [1, 1]));
    expect(linkedEdit(west, polygon([0, 0], [1.2, 0], [1, 1], [0, 1]), [near], 1e-6)).toEqual([]);
  });

  it('inserts a vertex added on a shared edge into the neighbour too, whichever way its ring runs', () => {
    const after = polygon([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1]);
    expect(linkedEdit(west, after, [east], 1e-6)[0].geometry).toEqual(polygon([1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5]));
  });

  it('deletes a shared vertex from the neighbour only where it has the same two edges', () => {
    const five = polygon([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1]);
    const eastFive: NeighbourShape = { ...east, geometry: polygon([1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5]) };
    expect(linkedEdit(five, west, [eastFive], 1e-6)[0].geometry).toEqual(east.geometry);
    // A neighbour meeting the vertex from elsewhere (a T-junction) keeps it.
    const tee: NeighbourShape = { ...east, geometry: polygon([1, 0.5], [2, 0.5], [2, 1], [1, 1]) };
    expect(linkedEdit(five, west, [tee], 1e-6)).toEqual([]);
  });

  it('merges later steps over earlier ones, by grid', () => {
    const first = { ...east, geometry: polygon([1.1, 0], [2, 0], [2, 1], [1, 1]) };
    const second = { ...east, geometry: polygon([1.2, 0], [2, 0], [2, 1], [1, 1]) };
    expect(mergeLinked([first, far], [second])).toEqual([second, far]);
  });
});

describe('cutAt', () => {
  it('takes a shared vertex and its edges out of the snapping targets', () => {
    const ring = east.geometry.coordinates[0] as [number, number][];
    expect(cutAt([ring], [2, 0], 1e-9)).toEqual([
      [[1, 0]],
      [
        [2, 1],
        [1, 1],
        [1, 0],
      ],
    ]);
    expect(cutAt([ring], [9, 9], 1e-9)).toEqual([ring]);
  });
});

describe('noSelfCrossing', () => {
  const square = west.coordinates[0];
  const feature = (ring: Position[]) => ({ id: 'f', geometry: { type: 'Polygon', coordinates: [ring] } });

  it('finds edges at the given vertices that meet non-neighbouring edges', () => {
    const bowtie: Position[] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ];
    expect([crossesAt(bowtie, [1]), crossesAt(square.slice(0, -1), [0, 1, 2, 3])]).toEqual([true, false]);
  });

  it('accepts a drag that keeps the ring simple and refuses one that crosses it, testing only what moved', () => {
    const validate = noSelfCrossing(() => square);
    expect(
      validate(
        feature([
          [0, 0],
          [1.5, -0.5],
          [1, 1],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual({ valid: true });
    // Dragged past the west edge: its edge to (1, 1) now crosses it.
    expect(
      validate(
        feature([
          [0, 0],
          [-0.5, 0.5],
          [1, 1],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual({ valid: false, reason: 'self-intersecting' });
  });
});

describe('terra-draw store copies', () => {
  it('copy plain JSON deeply, dropping undefined like JSON does', () => {
    const value = { a: [1, [2, 3]], b: { c: 'x', d: undefined }, e: null };
    const copy = copyJson(value);
    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
    expect(copy.a[1]).not.toBe(value.a[1]);
  });

  it('copy the whole store with its own properties and shared geometry', () => {
    const geometry = { type: 'Point', coordinates: [1, 2] };
    const store = { p: { type: 'Feature', geometry, properties: { mode: 'select' } } };
    const [copy] = copyAllSharingGeometry(store) as unknown as (typeof store.p)[];
    copy.properties.mode = 'changed';
    expect([copy.geometry === geometry, store.p.properties.mode]).toEqual([true, 'select']);
  });
});
