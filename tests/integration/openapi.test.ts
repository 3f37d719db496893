import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_ROLES } from '../../server/plugins/access-policy'
import { createTestApp, type TestApp } from './helpers/test-app'

// The document at /docs/json as outside tools read it: swagger-cli (the OpenAPI 3.0 schema plus
// $refs) and redocly lint (the ruleset in redocly.yaml). Both must report zero errors.
const run = promisify(execFile)
const bin = (name: string) => resolve('node_modules/.bin', name)

interface Operation {
  operationId?: string
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
  security?: Record<string, string[]>[]
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>
}
type Document = {
  servers?: { url: string }[]
  info: { title: string; version: string; description?: string; contact?: unknown; license?: unknown }
  paths: Record<string, Record<string, Operation>>
  components?: { securitySchemes?: Record<string, unknown> }
}

let t: TestApp
let dir: string
let file: string
let document: Document

beforeAll(async () => {
  t = await createTestApp()
  dir = await mkdtemp(join(tmpdir(), 'wangge-openapi-'))
  file = join(dir, 'openapi.json')
  const response = await t.app.inject({ method: 'GET', url: '/docs/json' })
  expect(response.statusCode).toBe(200)
  document = response.json()
  await writeFile(file, JSON.stringify(document, null, 2))
})
afterAll(async () => {
  await t.close()
  await rm(dir, { recursive: true, force: true })
})

/** A validator's output when it exits non-zero: its findings are the failure message. */
async function validate(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 64 * 2 ** 20, timeout: 120_000 })
    return { ok: true, output: `${stdout}${stderr}` }
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${stdout}${stderr}` }
  }
}

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  )

/** /tiles/{layer}/{z} → /tiles/:layer/:z, as the app's routeAccess names routes. */
const routeOf = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`

describe('the OpenAPI document', () => {
  it('passes swagger-cli validate', async () => {
    const { ok, output } = await validate(bin('swagger-cli'), ['validate', file])
    expect(ok, output).toBe(true)
  })

  it('passes redocly lint with zero errors', async () => {
    const { ok, output } = await validate(bin('redocly'), ['lint', '--format=stylish', '--config', resolve('redocly.yaml'), file])
    expect(ok, output).toBe(true)
  })

  it('names every operation uniquely, and gives servers and a complete info', () => {
    const ids = operations().map(({ operation }) => operation.operationId)
    expect(ids.filter((id) => !id)).toEqual([])
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
    expect(document.servers?.length).toBeGreaterThan(0)
    expect([document.info.description, document.info.contact, document.info.license].every(Boolean)).toBe(true)
  })

  it('declares the ways in, and requires a login exactly where the route access class does (a display token where walls may read)', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['displayToken', 'open311ApiKey', 'session', 'sessionCookie'])
    const mismatched = operations().flatMap(({ path, method, operation }) => {
      const route = routeOf(method, path)
      const access = t.app.routeAccess.get(route)
      if (access === undefined) return []
      const requirements = operation.security ?? []
      // Anonymous callers are let in when there is no requirement, or an empty one among them.
      const anonymous = requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)
      const schemes = new Set(requirements.flatMap((requirement) => Object.keys(requirement)))
      // Open311: posting a service request takes the client app's api_key in its body.
      const keyInBody = Object.values(operation.requestBody?.content ?? {}).some((media) => 'api_key' in (media.schema?.properties ?? {}))
      const expected = access === 'public' ? { anonymous: !keyInBody, display: false } : { anonymous: false, display: ACCESS_ROLES[access].includes('display') }
      const got = { anonymous, display: schemes.has('displayToken') }
      return JSON.stringify(got) === JSON.stringify(expected) ? [] : [`${route} (${access}): ${JSON.stringify(got)}`]
    })
    expect(mismatched).toEqual([])
    expect(document.paths['/open311/v2/requests.json'].post.security).toEqual([{ open311ApiKey: [] }])
    expect(document.paths['/api/users'].get.security).toEqual([{ sessionCookie: [] }, { session: [] }])
  })

  it('documents a 401 and a 403 on every protected operation, a 2xx on every one', () => {
    const missing = operations().flatMap(({ path, method, operation }) => {
      const codes = Object.keys(operation.responses)
      const problems = codes.some((code) => code.startsWith('2')) ? [] : [`${method} ${path}: no 2xx`]
      const access = t.app.routeAccess.get(routeOf(method, path))
      if (access && access !== 'public' && !(codes.includes('401') && codes.includes('403'))) problems.push(`${method} ${path}: no 401/403`)
      return problems
    })
    expect(missing).toEqual([])
  })

  it('gives tiles, TileJSON, CSV export and token deletion their real media types and statuses', () => {
    const tile = document.paths['/tiles/{layer}/{z}/{x}/{y}.pbf'].get
    expect(Object.keys(tile.responses['200'].content ?? {})).toEqual(['application/vnd.mapbox-vector-tile'])
    expect(Object.keys(tile.responses['200'].headers ?? {})).toEqual(expect.arrayContaining(['ETag', 'Wangge-Tile-Features', 'Content-Encoding', 'Vary']))
    expect(Object.keys(document.paths['/tiles/{layer}.json'].get.responses['200'].content ?? {})).toEqual(['application/json'])
    expect(Object.keys(document.paths['/api/incidents/export'].get.responses['200'].content ?? {})).toContain('text/csv')
    const deleted = document.paths['/api/display-tokens/{id}'].delete.responses
    expect(Object.keys(deleted)).toContain('204')
    expect(deleted['204'].content).toBeUndefined()
  })
})
