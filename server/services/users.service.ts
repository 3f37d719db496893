import type { Database } from '../db/database'
import { AppError, notFound } from '../errors'
import { usersRepository, type ManagedUser, type Role } from '../repositories/users.repository'
import type { UserCreateBody, UserPatchBody } from '../schemas/users.schema'
import { hashPassword } from './passwords'

async function checkRegions(users: ReturnType<typeof usersRepository>, role: Role, regionCodes: string[] | undefined): Promise<void> {
  if (!regionCodes?.length) return
  if (role !== 'supervisor') throw new AppError(422, 'regions_need_supervisor', 'Only supervisors are scoped to regions', { role })
  const unknown = await users.unknownRegions(regionCodes)
  if (unknown.length) throw new AppError(422, 'unknown_region', `No region ${unknown.join(', ')}`, { regionCodes: unknown })
}

/** A `worker` account must name an existing grid worker; no other role may. */
async function checkWorker(users: ReturnType<typeof usersRepository>, role: Role, workerId: number | null | undefined): Promise<void> {
  if (role !== 'worker') {
    if (workerId != null) throw new AppError(422, 'worker_needs_worker_role', 'Only worker accounts are bound to a grid worker', { role })
    return
  }
  if (workerId == null)
    throw new AppError(422, 'worker_id_required', 'A worker account needs workerId: the grid worker it belongs to', { parameter: 'workerId' })
  if (!(await users.workerExists(workerId))) throw new AppError(422, 'unknown_worker', `No grid worker ${workerId}`, { workerId })
}

export async function createUser(db: Database, body: UserCreateBody): Promise<ManagedUser> {
  const passwordHash = await hashPassword(body.password)
  return db.transaction(async (tx) => {
    const users = usersRepository(tx)
    if (await users.usernameTaken(body.username)) throw new AppError(409, 'username_taken', `The username ${body.username} is taken`)
    await checkRegions(users, body.role, body.regionCodes)
    await checkWorker(users, body.role, body.workerId)
    const user = await users.create(body.username, passwordHash, body.role, body.workerId ?? null)
    if (body.regionCodes?.length) await users.assignRegions(user.id, body.regionCodes)
    return (await users.findManaged(user.id))!
  })
}

/**
 * Changes a user. A new password, a new role or disabling ends the user's sessions at once; the
 * last active admin can be neither disabled nor demoted (nobody could manage users any more).
 */
export async function updateUser(db: Database, id: number, patch: UserPatchBody): Promise<ManagedUser> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password)
  return db.transaction(async (tx) => {
    const users = usersRepository(tx)
    const current = await users.findManaged(id, { forUpdate: true })
    if (!current) throw notFound(`User ${id}`)
    const role = patch.role ?? current.role
    const losesAdmin = current.role === 'admin' && !current.disabled && (role !== 'admin' || patch.disabled === true)
    if (losesAdmin && (await users.otherActiveAdmins(id)) === 0)
      throw new AppError(409, 'last_admin', 'The last active admin can be neither disabled nor demoted')
    await checkRegions(users, role, patch.regionCodes)
    // Leaving the worker role unbinds the account; staying or becoming one keeps or takes workerId.
    const workerId = role === 'worker' ? (patch.workerId ?? current.workerId) : (patch.workerId ?? null)
    await checkWorker(users, role, workerId)
    await users.update(id, { passwordHash, role: patch.role, disabled: patch.disabled, workerId })
    // Leaving the supervisor role leaves its regions too.
    if (patch.regionCodes !== undefined || role !== 'supervisor')
      await users.replaceRegions(id, role === 'supervisor' ? (patch.regionCodes ?? current.regionCodes) : [])
    const revokes =
      passwordHash !== undefined || (patch.role !== undefined && patch.role !== current.role) || patch.disabled === true || workerId !== current.workerId
    if (revokes) await users.revokeSessions(id)
    return (await users.findManaged(id))!
  })
}
