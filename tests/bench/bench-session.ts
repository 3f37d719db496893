import type { Database } from '../../server/db/database'
import { usersRepository, type Role } from '../../server/repositories/users.repository'

/**
 * A temporary user of `role` with a session, for benchmarks that call the API through app.inject
 * (every read needs a login). `remove` deletes the user and, with it, the session.
 */
export async function benchSession(db: Database, role: Role): Promise<{ userId: number; headers: Record<string, string>; remove(): Promise<void> }> {
  const users = usersRepository(db)
  const user = await users.create(`bench-${role}-${Date.now()}`, 'not-a-password-hash', role)
  const token = await users.createSession(user.id, 1)
  return {
    userId: user.id,
    headers: { authorization: `Bearer ${token}` },
    remove: async () => {
      await db.query('DELETE FROM users WHERE id = $1', [user.id])
    },
  }
}

/** Runs `work` with the headers of a temporary user of `role`, removed afterwards. */
export async function asBenchUser<T>(db: Database, role: Role, work: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  const session = await benchSession(db, role)
  try {
    return await work(session.headers)
  } finally {
    await session.remove()
  }
}
