import { Type } from '@sinclair/typebox'

// A resident's "which grid am I in, and who is my grid worker": public, so it carries only what the
// public may see (services/privacy.ts): the grid and its community by name, and each grid worker's
// role, masked name and the number they publish for residents (公示电话, as on the grid's notice
// board). Workers' own phones never leave the server here.
export const GridLookupQuery = Type.Object(
  {
    lng: Type.Number({ minimum: -180, maximum: 180, description: 'longitude (WGS84)' }),
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'latitude (WGS84)' }),
  },
  { additionalProperties: false },
)

const PublicWorker = Type.Object({
  name: Type.String({ description: 'masked as the public sees it (张*)' }),
  role: Type.Union([Type.Literal('full_time'), Type.Literal('part_time'), Type.Literal('grid_leader')]),
  phone: Type.Union([Type.String({ description: 'the number the worker publishes for residents (公示电话)' }), Type.Null({ description: 'publishes none' })]),
})

export const GridLookupAnswer = Type.Object({
  grid: Type.Union([
    Type.Object({
      code: Type.String({ pattern: '^[0-9]{15}$' }),
      name: Type.String(),
      type: Type.Union([Type.Literal('comprehensive'), Type.Literal('dedicated')]),
      community: Type.Object({ code: Type.String(), name: Type.String() }),
    }),
    Type.Null({ description: 'the point lies in no active grid' }),
  ]),
  workers: Type.Array(PublicWorker),
})
