import { describe, expect, it } from 'vitest'
import { countyTime, incidentsCsv } from '../../../server/services/incidents/incident-export'

const row = (description: unknown, lng = 120.1) => ({ geometry: { type: 'Point', coordinates: [lng, 33.2] }, properties: { id: 1, description } })
const cells = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n')[1]

describe('incidents as CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点此")', `"'=HYPERLINK(""http://evil.example"",""点此"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])("makes a resident's %j plain text in a spreadsheet, not a formula (OWASP CSV injection)", (text, expected) => {
    expect(cells(incidentsCsv([row(text)]))).toContain(`,${expected},`)
  })

  it('leaves ordinary text, numbers and negative coordinates as they are', () => {
    const line = cells(incidentsCsv([row('路灯不亮，a=b', -0.5)]))
    expect(line).toContain(',路灯不亮，a=b,')
    expect(line.endsWith(',-0.5,33.2')).toBe(true)
  })
})

describe('times in the CSV', () => {
  it("are the county's wall-clock time (Asia/Shanghai) with the offset written out", () => {
    expect(countyTime(new Date('2026-03-04T00:15:00Z'))).toBe('2026-03-04 08:15:00+08:00')
    expect(countyTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00+08:00')
    expect(countyTime(null)).toBe(null)
  })
})
