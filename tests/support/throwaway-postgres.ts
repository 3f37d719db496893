import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const PG_BIN = '/usr/lib/postgresql/15/bin'

export interface ThrowawayPostgres {
  url: string
  port: number
  /** Stops the server (fast shutdown: sessions are terminated) and keeps its data. */
  pause(): void
  /** Starts a paused server again on the same port; returns once it accepts connections. */
  resume(): void
  /** Stops the server and deletes its data. */
  stop(): void
  /** Where it lives, for attachThrowawayPostgres. */
  location: ThrowawayLocation
}

export interface ThrowawayOptions {
  port?: number
  /** Extra `-c name=value` settings, e.g. the bench's large buffers. */
  settings?: Record<string, string>
}

/** The bench's settings: room for the ×26 town. */
export const BENCH_SETTINGS = { shared_buffers: '1GB', work_mem: '64MB', maintenance_work_mem: '512MB', max_wal_size: '4GB' }

/**
 * A PostgreSQL cluster in a temp directory for benchmarks and fault tests (Debian's
 * postgresql-15 + PostGIS). As root the server runs as the `postgres` user, as CI does.
 */
export function startThrowawayPostgres({ port = 55499, settings = {} }: ThrowawayOptions = {}): ThrowawayPostgres {
  if (!existsSync(`${PG_BIN}/initdb`)) {
    throw new Error(`no PostgreSQL 15 at ${PG_BIN}: apt-get install postgresql-15-postgis-3, or set BENCH_DATABASE_URL`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'wangge-pg-'))
  if (asRoot()) {
    const { uid, gid } = userIds('postgres')
    chownSync(dir, uid, gid)
  }
  run(`${PG_BIN}/initdb -D ${dir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8`)
  const cluster = attachThrowawayPostgres({ dir, port, settings })
  cluster.resume()
  return cluster
}

export interface ThrowawayLocation {
  dir: string
  port: number
  settings?: Record<string, string>
}

/** Control of a cluster started by startThrowawayPostgres, from another process (a test worker). */
export function attachThrowawayPostgres({ dir, port, settings = {} }: ThrowawayLocation): ThrowawayPostgres {
  const options = [
    '-p',
    String(port),
    '-k',
    '/tmp',
    '-c',
    'listen_addresses=127.0.0.1',
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ].join(' ')
  const start = () => run(`${PG_BIN}/pg_ctl -D ${dir}/data -o "${options}" -l ${dir}/log -w start`)
  return {
    location: { dir, port, settings },
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pause: () => void run(`${PG_BIN}/pg_ctl -D ${dir}/data -m fast -w stop`),
    resume: () => void start(),
    stop() {
      try {
        run(`${PG_BIN}/pg_ctl -D ${dir}/data -m fast stop`)
      } catch {
        // already stopped (paused)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

const asRoot = () => process.getuid?.() === 0
const run = (command: string) =>
  asRoot() ? execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' }) : execFileSync('sh', ['-c', command], { stdio: 'pipe' })

function userIds(name: string): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', name])
    .toString()
    .trim()
    .concat(' ', execFileSync('id', ['-g', name]).toString().trim())
    .split(' ')
    .map(Number)
  return { uid, gid }
}
