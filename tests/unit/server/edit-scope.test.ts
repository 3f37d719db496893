import { describe, expect, it } from 'vitest'
import { editScopeOf, EVERYWHERE, scopeCovers } from '../../../server/domain/edit-scope'

describe('edit scope (the one rule server and editor share)', () => {
  it('an admin edits everywhere, a supervisor inside their regions, anyone else nowhere', () => {
    expect(editScopeOf('admin', [])).toEqual([EVERYWHERE])
    expect(editScopeOf('supervisor', ['320924001'])).toEqual(['320924001'])
    expect(editScopeOf('analyst', ['320924001'])).toEqual([])
  })

  it('a region covers every code it prefixes, and nothing beside it', () => {
    const street = ['320924001']
    expect(scopeCovers(street, '320924001')).toBe(true)
    expect(scopeCovers(street, '320924001002')).toBe(true)
    expect(scopeCovers(street, '320924001002005')).toBe(true)
    expect(scopeCovers(street, '320924002001')).toBe(false)
    expect(scopeCovers(street, '320924')).toBe(false)
    expect(scopeCovers([], '320924001002')).toBe(false)
    expect(scopeCovers([EVERYWHERE], '320924002001')).toBe(true)
  })
})
