import { describe, expect, it } from 'vitest'
import { buildRegionTree } from '../../../server/services/region-tree'

describe('buildRegionTree', () => {
  it('nests regions under their parents and keeps orphans as roots', () => {
    const row = (code: string, parentCode: string | null, level: 'county' | 'street' | 'community') => ({ code, name: code, level, parentCode, bbox: null })
    const tree = buildRegionTree([
      row('320924', null, 'county'),
      row('320924001', '320924', 'street'),
      row('320924001001', '320924001', 'community'),
      row('320925001', '320925', 'street'),
    ])
    expect(tree.map((n) => n.code)).toEqual(['320924', '320925001'])
    expect(tree[0].children[0].children[0]).toEqual({ ...row('320924001001', '320924001', 'community'), children: [] })
  })
})
