// Times each query of the coverage report on BENCH_DATABASE_URL (for finding what to speed up).
import { loadConfig } from '../../server/config'
import { connectDatabase } from '../../server/db/connect'
import { coverageAreaRepository } from '../../server/repositories/coverage-area.repository'
import { coverageGridsRepository } from '../../server/repositories/coverage-grids.repository'
import { coverageServiceRepository } from '../../server/repositories/coverage-service.repository'
import { migrate } from '../../server/db/migrate'
import { backfillServiceAccess } from '../../server/services/bootstrap'
import { coverageReport } from '../../server/services/coverage/coverage.service'

const code = process.argv[2] ?? '320924'
const config = loadConfig({ DATABASE_URL: process.env.BENCH_DATABASE_URL, SEED: 'none', STATEMENT_TIMEOUT_MS: '600000' })
const db = await connectDatabase(config)
const window = { asOf: new Date('2026-11-28T00:00:00+08:00'), patrolDays: 30, onTimeWindowDays: 30 }
const step = async (name: string, work: () => Promise<unknown>) => {
  const started = performance.now()
  const result = await work()
  console.log(`${name.padEnd(28)} ${(performance.now() - started).toFixed(0).padStart(7)} ms  ${JSON.stringify(result ?? null).length} bytes`)
}
await migrate(db)
await step('backfill service access', () => backfillServiceAccess(db, { info: console.error } as never))
const area = coverageAreaRepository(db)
const grids = coverageGridsRepository(db)
const service = coverageServiceRepository(db)
await step('regionFacts', () => area.regionFacts(code))
await step('gaps', () => area.gaps(code, 1))
await step('overlaps', () => area.overlaps(code, 1))
await step('gridsOutsideCommunity', () => area.gridsOutsideCommunity(code, 1))
await step('emptyRegions', () => area.emptyRegions(code))
await step('regionsUnder', () => area.regionsUnder(code))
await step('gridFacts', () => grids.gridFacts(code, window))
await step('overloadedWorkers', () => grids.overloadedWorkers(code, 3))
await step('householdTotals', () => grids.householdTotals(code, window))
await step('service (all categories)', () => service.gaps(code, config.coverage.serviceDistanceM, 1000))
await step('whole report (cold areas)', () => coverageReport(db, code, config.coverage, window.asOf))
await step('whole report (warm)', () => coverageReport(db, code, config.coverage, window.asOf))
await db.close()
