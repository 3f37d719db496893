import type { FastifyInstance } from 'fastify'
import type { Database } from '../../server/db/database'
import { ms, ratio, time, type Timing } from './measure'

/** Filter changes an analyst makes on /analyze, as query strings of the aggregate endpoint. */
const FILTERS = [
  'from=2026-10-29&to=2026-11-28',
  'from=2026-08-30&to=2026-11-28&category=traffic,dispute',
  'status=reported,accepted,dispatched',
  'source=hotline&priority=high,urgent',
  'region=320924005',
  'bbox=120.20,33.70,120.40,33.80&from=2026-06-01',
  'category=environment&from=2026-01-01&to=2026-07-01',
]

/** Server-side hex aggregation with a million incidents, against shipping the points for client-side binning. */
export async function benchAggregate(app: FastifyInstance, db: Database): Promise<{ timings: Timing[]; markdown: string }> {
  const samples: number[] = []
  const perFilter: Timing[] = []
  for (const filter of FILTERS) {
    const timing = await time(`hex 500 m · ${filter}`, 10, async () => {
      const started = performance.now()
      const response = await app.inject({ method: 'GET', url: `/api/incidents/aggregate?cell=hex&sizeM=500&${filter}` })
      if (response.statusCode !== 200) throw new Error(response.body)
      samples.push(performance.now() - started)
    })
    perFilter.push(timing)
  }
  samples.sort((a, b) => a - b)
  const overall: Timing = {
    name: 'all filter changes',
    runs: samples.length,
    medianMs: samples[Math.floor(samples.length / 2)],
    p95Ms: samples[Math.ceil(samples.length * 0.95) - 1],
  }
  // The naive alternative: send every matching point to the browser and bin it there.
  const naive = await time('naive: fetch the points of the first filter for client-side binning', 3, () =>
    db.query(`SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM incidents WHERE reported_at >= '2026-10-29' AND reported_at < '2026-11-28'`),
  )
  const row = (t: Timing, goal = '') => `| ${t.name} | ${t.runs} | ${ms(t.medianMs)} | ${ms(t.p95Ms)} | ${goal} |`
  const markdown = [
    '## Incident aggregation (issue 6)',
    '',
    '| measurement | runs | median ms | p95 ms | goal |',
    '|---|---|---|---|---|',
    row(overall, 'p95 ≤ 300 ms'),
    ...perFilter.map((t) => row(t)),
    row(naive),
    '',
    `Server-side bins for the first filter vs fetching its points from the database alone (before any transfer or browser work): ${ratio(perFilter[0], naive)}× (${ms(perFilter[0].medianMs)} ms vs ${ms(naive.medianMs)} ms).`,
    '',
  ].join('\n')
  return { timings: [overall, ...perFilter, naive], markdown }
}
