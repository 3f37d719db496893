import { Type } from '@sinclair/typebox'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerFiniteNumbers, withFiniteNumbers } from '../../../server/plugins/finite-numbers'
import { Id, IdParams } from '../../../server/schemas/common.schema'

// Ajv as the app configures it (server/app.ts): query strings and bodies are coerced to numbers.
const app = Fastify({ ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } } })
registerFiniteNumbers(app)
app.post(
  '/echo/:id',
  {
    schema: {
      params: IdParams,
      querystring: Type.Object({ lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })) }),
      body: Type.Object({
        ids: Type.Optional(Type.Array(Id())),
        either: Type.Optional(Type.Union([Type.Integer({ maximum: 10 }), Type.Boolean()])),
      }),
    },
  },
  async (request) => ({ params: request.params, query: request.query, body: request.body }),
)
beforeAll(() => app.ready())
afterAll(() => app.close())

const status = async (url: string, body: object = {}) => (await app.inject({ method: 'POST', url, payload: body })).statusCode

describe('finite numbers in request schemas', () => {
  it.each(['Infinity', '-Infinity', '1e309', '-1e309'])('refuses %s coerced to an id, a bounded number or a number in an array', async (text) => {
    expect([
      await status(`/echo/${text}`),
      await status(`/echo/1?lng=${text}`),
      await status('/echo/1', { ids: ['1', text] }),
      await status('/echo/1', { either: text }),
    ]).toEqual([400, 400, 400, 400])
  })

  it('still coerces and accepts finite numbers', async () => {
    const response = await app.inject({ method: 'POST', url: '/echo/42?lng=120.5', payload: { ids: ['1', 2], either: '3' } })
    expect([response.statusCode, response.json()]).toEqual([200, { params: { id: 42 }, query: { lng: 120.5 }, body: { ids: [1, 2], either: 3 } }])
  })

  it('leaves a schema without numbers as it is, and never changes the schema it is given', () => {
    const strings = Type.Object({ name: Type.String(), tags: Type.Array(Type.String()) })
    const before = JSON.stringify(IdParams)
    expect(withFiniteNumbers(strings)).toBe(strings)
    expect(withFiniteNumbers(IdParams)).not.toBe(IdParams)
    expect(JSON.stringify(IdParams)).toBe(before)
  })
})
