import { describe, expect, it } from 'vitest'
import { maskName, maskPhone, seesHousehold, seesWorkers } from '../../../server/services/privacy'

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
    expect([seesWorkers(user('admin')), seesWorkers(user('supervisor')), seesWorkers(user('analyst')), seesWorkers(user('display')), seesWorkers(null)])
      .toEqual([true, true, false, false, false])
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
