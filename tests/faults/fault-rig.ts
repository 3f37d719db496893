// What the fault tests share: a throwaway PostgreSQL cluster they may stop and start, the real
// server process on it, and an admin's HTTP helpers. Needs Debian's PostgreSQL 15 + PostGIS.
import { connect, createServer, type Server, type Socket } from 'node:net'
import { point, smallTownRegions, westGrids } from '../fixtures/small-town'
import { startServer, type RunningServer } from '../setup/start-server'
import { inject } from 'vitest'
import { attachThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres'
import { databaseFromTemplate } from './cluster.global-setup'

export const ADMIN_PASSWORD = 'fault-admin-password'
export const COUNTY = '320924'

export interface FaultRig {
  pg: ThrowawayPostgres
  /** The server reaches the database through this. */
  proxy: TcpProxy
  server: RunningServer
  env: Record<string, string>
  /** An admin's bearer header (the session lives in the database, so it outlives server restarts). */
  headers: Record<string, string>
  /** Stops the server (SIGTERM) and starts a new process on the same port; returns how long the stop took. */
  restartServer(): Promise<{ stopMs: number }>
  close(): Promise<void>
}

/**
 * A database of its own (`name`) on the fault tests' cluster, the server process on it behind a
 * proxy, the small town imported.
 */
export async function startFaultRig(name: string, env: Record<string, string> = {}): Promise<FaultRig> {
  const cluster = attachThrowawayPostgres(inject('faultsCluster'))
  const proxy = new TcpProxy(cluster.port)
  let server: RunningServer | undefined
  try {
    await proxy.listen()
    await databaseFromTemplate(name)
    const serverEnv = {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${name}`,
      SEED: 'none',
      ADMIN_PASSWORD,
      CLIENT_DIR: '/nonexistent',
      ...env,
    }
    server = await startServer(serverEnv, 60_000)
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    const { token } = (await login.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}` }
    for (const [kind, body] of [
      ['regions', smallTownRegions],
      ['grids', westGrids],
    ] as const) {
      const response = await fetch(`${server.baseUrl}/api/import/${kind}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (response.status !== 201) throw new Error(`import ${kind}: ${response.status} ${await response.text()}`)
    }
    const rig: FaultRig = {
      pg: cluster,
      proxy,
      server,
      env: serverEnv,
      headers,
      async restartServer() {
        const port = Number(new URL(rig.server.baseUrl).port)
        const started = performance.now()
        await rig.server.stop()
        const stopMs = performance.now() - started
        rig.server = await startServer(serverEnv, 60_000, port)
        return { stopMs }
      },
      async close() {
        try {
          await rig.server.stop()
        } finally {
          await proxy.close()
        }
      },
    }
    return rig
  } catch (error) {
    await server?.stop()
    await proxy.close()
    throw error
  }
}

/** Fetches and times one request; the body is parsed as JSON when it is JSON. */
export async function timed(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now()
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: response.status, body, ms: performance.now() - started }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * A TCP proxy between the server and PostgreSQL that can make the database host go silent:
 * connections are accepted and then nothing ever answers, as with a dead host or a network cut
 * (a stopped server, by contrast, refuses at once).
 */
export class TcpProxy {
  private readonly server: Server
  private readonly pairs = new Set<Socket>()
  private silent = false
  port = 0

  constructor(private readonly upstreamPort: number) {
    this.server = createServer((downstream) => {
      this.pairs.add(downstream)
      downstream.on('close', () => this.pairs.delete(downstream))
      downstream.on('error', () => {})
      if (this.silent) return // held open, never answered
      const upstream = connect(this.upstreamPort, '127.0.0.1')
      upstream.on('error', () => downstream.destroy())
      downstream.on('error', () => upstream.destroy())
      upstream.on('close', () => downstream.destroy())
      downstream.on('close', () => upstream.destroy())
      downstream.pipe(upstream)
      upstream.pipe(downstream)
    })
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as { port: number }).port
    return this.port
  }

  /** Cuts every open connection and holds new ones unanswered. */
  goSilent(): void {
    this.silent = true
    for (const socket of this.pairs) socket.destroy()
  }

  /** Forwards again (connections held while silent are cut). */
  answer(): void {
    this.silent = false
    for (const socket of this.pairs) socket.destroy()
  }

  async close(): Promise<void> {
    for (const socket of this.pairs) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

/** Reports an incident through `baseUrl` with `headers` (an admin's) and returns its id. */
export async function reportIncident(baseUrl: string, headers: Record<string, string>, description: string): Promise<number> {
  const response = await timed(`${baseUrl}/api/incidents`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'facility', source: 'resident', description, location: point(120.005, 33.005) }),
  })
  if (response.status !== 201) throw new Error(`reporting an incident failed: ${response.status} ${JSON.stringify(response.body)}`)
  const body = response.body as { id?: number; properties?: { id: number } }
  return body.id ?? body.properties!.id
}
