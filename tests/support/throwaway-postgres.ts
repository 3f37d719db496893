import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PG_BIN = '/usr/lib/postgresql/15/bin'

export interface ThrowawayPostgres {
  url: string
  stop(): void
}

/**
 * A PostgreSQL cluster in a temp directory for benchmarks (Debian's postgresql-15 + PostGIS).
 * As root the server runs as the `postgres` user, as CI does.
 */
export function startThrowawayPostgres(port = 55499): ThrowawayPostgres {
  if (!existsSync(`${PG_BIN}/initdb`)) {
    throw new Error(`no PostgreSQL 15 at ${PG_BIN}: apt-get install postgresql-15-postgis-3, or set BENCH_DATABASE_URL`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'wangge-bench-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (command: string) =>
    asRoot ? execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' }) : execFileSync('sh', ['-c', command], { stdio: 'pipe' })
  if (asRoot) {
    const { uid, gid } = userIds('postgres')
    chownSync(dir, uid, gid)
  }
  run(`${PG_BIN}/initdb -D ${dir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8`)
  run(`${PG_BIN}/pg_ctl -D ${dir}/data -o "-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=4GB" -l ${dir}/log -w start`)
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(`${PG_BIN}/pg_ctl -D ${dir}/data -m fast stop`)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', name]).toString().trim().concat(' ', execFileSync('id', ['-g', name]).toString().trim()).split(' ').map(Number)
  return { uid, gid }
}
