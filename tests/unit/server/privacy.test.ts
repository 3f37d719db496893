import { describe, expect, it } from 'vitest'
import { maskName, maskPhone, redactContacts, seesHousehold, seesWorkers } from '../../../server/services/privacy'

const user = (role: 'admin' | 'supervisor' | 'analyst' | 'display') => ({ id: 1, username: 'u', role })

describe('privacy masks', () => {
  it('masks a mobile number to its first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('masks short numbers entirely or nearly', () => {
    expect([maskPhone('1234'), maskPhone('1234567')]).toEqual(['****', '1****67'])
  })

  it('keeps the first character of a name only', () => {
    expect([maskName('张三'), maskName('欧阳娜娜'), maskName('李')]).toEqual(['张*', '欧***', '李*'])
  })

  it('shows workers to admins and supervisors only', () => {
    expect([
      seesWorkers(user('admin')),
      seesWorkers(user('supervisor')),
      seesWorkers(user('analyst')),
      seesWorkers(user('display')),
      seesWorkers(null),
    ]).toEqual([true, true, false, false, false])
  })

  it('shows a household to a supervisor only inside their regions', () => {
    const home = { gridCode: '320924001001001', countyCode: '320924' }
    const outside = { gridCode: null, countyCode: '320924' }
    expect([
      seesHousehold(user('supervisor'), ['320924001'], home),
      seesHousehold(user('supervisor'), ['320924002'], home),
      seesHousehold(user('supervisor'), ['320924001'], outside),
      seesHousehold(user('supervisor'), ['320924'], outside),
      seesHousehold(user('admin'), [], outside),
      seesHousehold(user('analyst'), ['320924'], home),
    ]).toEqual([true, false, false, true, true, false])
  })
})

describe('redactContacts', () => {
  it('takes mobile numbers out, bare, spaced or with +86', () => {
    expect(redactContacts('电话13812345678，或 +86 139-1234-5678、138 1234 5678')).toBe('电话[手机号]，或 [手机号]、[手机号]')
  })

  it('takes ID card numbers out, the X check digit included, before any mobile inside them', () => {
    expect(redactContacts('身份证32092419900101123X和320924199001011234')).toBe('身份证[身份证号]和[身份证号]')
  })

  it('takes landlines with an area code out', () => {
    expect(redactContacts('座机0515-88881234')).toBe('座机[电话]')
  })

  it('keeps the street but not the door: house, building, unit and room numbers become *', () => {
    expect(redactContacts('幸福路8号2栋3单元301室门口，和平路１２号')).toBe('幸福路*号*栋*单元*室门口，和平路*号')
  })

  it('leaves other numbers alone: counts, dates, longer or shorter digit runs', () => {
    const text = '路灯3盏不亮，2026-01-05起，编号123456789012，订单1381234567'
    expect(redactContacts(text)).toBe(text)
  })
})
