import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgis, type EmbeddedPostgis } from '../../server/db/embedded'

// The embedded engine has no passwords (PGlite is one superuser session). What keeps other local
// users and processes away from the password hashes and households is where it listens.
let dataDir: string
let embedded: EmbeddedPostgis | undefined

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wangge-embedded-access-'))
  embedded = await startEmbeddedPostgis(dataDir)
})
afterAll(async () => {
  await embedded?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the embedded PostGIS', () => {
  it('listens on no TCP port, only on a Unix socket in a directory no other user can enter', async () => {
    const url = new URL(embedded!.connectionString)
    const socketDir = url.searchParams.get('host') ?? ''
    expect(socketDir.startsWith('/')).toBe(true)
    const dir = await stat(socketDir)
    expect(dir.uid).toBe(process.getuid!())
    expect(dir.mode & 0o777).toBe(0o700)
    expect((await stat(join(socketDir, '.s.PGSQL.5432'))).isSocket()).toBe(true)
  })

  it('answers the app through that socket', async () => {
    const client = new pg.Client({ connectionString: embedded!.connectionString })
    await client.connect()
    try {
      const { rows } = await client.query<{ who: string }>('SELECT current_user AS who')
      expect(rows[0].who).toBe('postgres')
    } finally {
      await client.end()
    }
  })

  it('removes its socket directory when stopped', async () => {
    const socketDir = new URL(embedded!.connectionString).searchParams.get('host')!
    await embedded!.stop()
    embedded = undefined
    await expect(stat(socketDir)).rejects.toThrow(/ENOENT/)
  })
})
