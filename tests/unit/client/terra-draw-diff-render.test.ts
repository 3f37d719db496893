import { describe, expect, it } from 'vitest'
import { layerDiff, renderChangesOnly } from '../../../client/src/map/terra-draw-diff-render'

const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }
const handle = (id: string, x: number) => ({ id, geometry: { type: 'Point', coordinates: [x, 0] }, properties: { mode: 'select', pointColor: '#fff', pointWidth: 4 } })

describe('layerDiff', () => {
  it('adds every feature of a first layer', () => {
    const a = handle('a', 0)
    const { diff, empty } = layerDiff(new Map(), [a])
    expect(empty).toBe(false)
    expect(diff).toEqual({ add: [{ type: 'Feature', id: 'a', geometry: a.geometry, properties: a.properties }] })
  })

  it('sends nothing for features whose geometry object and style are unchanged', () => {
    const a = handle('a', 0)
    const { next } = layerDiff(new Map(), [a])
    // terra-draw rewrites the same style values into a fresh properties object on every render.
    expect(layerDiff(next, [{ ...a, properties: { ...a.properties } }])).toMatchObject({ diff: {}, empty: true })
  })

  it('sends a moved feature\'s new geometry, changed and removed properties, and removals', () => {
    const [a, b] = [handle('a', 0), handle('b', 1)]
    const { next } = layerDiff(new Map(), [a, b])
    const moved = { ...a, geometry: { type: 'Point', coordinates: [0.5, 0] }, properties: { mode: 'select', pointColor: '#f00' } }
    expect(layerDiff(next, [moved]).diff).toEqual({
      remove: ['b'],
      update: [{ id: 'a', newGeometry: moved.geometry, removeProperties: ['pointWidth'], addOrUpdateProperties: [{ key: 'pointColor', value: '#f00' }] }],
    })
  })

  it('compares array-valued style properties by value', () => {
    const line = { id: 'l', geometry: square, properties: { lineStringDash: [2, 1] } }
    const { next } = layerDiff(new Map(), [line])
    expect(layerDiff(next, [{ ...line, properties: { lineStringDash: [2, 1] } }]).empty).toBe(true)
    expect(layerDiff(next, [{ ...line, properties: { lineStringDash: [1, 1] } }]).diff.update).toEqual([{ id: 'l', addOrUpdateProperties: [{ key: 'lineStringDash', value: [1, 1] }] }])
  })
})

describe('renderChangesOnly', () => {
  function fakeAdapter() {
    const calls: { kind: 'setData' | 'updateData'; payload: unknown }[] = []
    const source = {
      setData: (payload: unknown) => calls.push({ kind: 'setData', payload }),
      updateData: async (payload: unknown) => { calls.push({ kind: 'updateData', payload }) },
    }
    const adapter = { _prefixId: 'td', _map: { getSource: (id: string) => (id === 'td-point' ? source : undefined) }, _setGeoJSONLayerData: () => 'original' }
    renderChangesOnly(adapter as never)
    return { calls, render: (features: unknown[]) => (adapter._setGeoJSONLayerData as (t: string, f: unknown[]) => string)('Point', features) }
  }

  it('sends the whole layer once, then only what changed', () => {
    const { calls, render } = fakeAdapter()
    const [a, b] = [handle('a', 0), handle('b', 1)]
    expect(render([a, b])).toBe('td-point')
    const moved = { ...b, geometry: { type: 'Point', coordinates: [2, 0] } }
    render([a, moved])
    render([a, moved])
    expect(calls).toEqual([
      { kind: 'setData', payload: { type: 'FeatureCollection', features: [a, b] } },
      { kind: 'updateData', payload: { update: [{ id: 'b', newGeometry: moved.geometry }] } },
    ])
  })

  it('keeps sending whole layers when a feature has no id (MapLibre could not apply a diff)', () => {
    const { calls, render } = fakeAdapter()
    const anonymous = { geometry: square, properties: {} }
    render([anonymous])
    render([anonymous])
    expect(calls.map((c) => c.kind)).toEqual(['setData', 'setData'])
  })
})
