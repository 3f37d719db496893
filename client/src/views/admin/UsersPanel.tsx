// Users: who may log in, as what, where; a new account; role, scope and disabling per account.
import { useState, type FormEvent } from 'react';
import { adminApi, type ManagedUser, type NewUser, type UserChange } from '../../api/admin-client';
import { roleKey } from '../../auth/role-names';
import { useT } from '../../i18n/use-t';
import { adminRefusalOf, type AdminRefusal } from './admin-errors';
import { formatInstant } from './admin-format';
import { AdminTable, RefusalNote, RegionSelect } from './AdminBits';
import { useAdminWrite, useUsers } from './use-admin-data';

/** The roles an admin gives here; grid workers' accounts are bound to a grid worker and made with them. */
const ROLES_HERE = ['admin', 'supervisor', 'analyst', 'dispatcher'] as const;
type RoleHere = (typeof ROLES_HERE)[number];

function useRoleName() {
  const { t } = useT();
  return (role: string) => {
    const key = roleKey(role);
    return key ? t(key) : role;
  };
}

function RoleOptions({ roles }: { roles: readonly string[] }) {
  const roleName = useRoleName();
  return roles.map((role) => (
    <option key={role} value={role}>
      {roleName(role)}
    </option>
  ));
}

function NewUserForm() {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<RoleHere>('analyst');
  const [region, setRegion] = useState('');
  const [refusal, setRefusal] = useState<AdminRefusal | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useAdminWrite('users', (user: NewUser) => adminApi.createUser(user));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    setCreated(null);
    const user: NewUser = { username: username.trim(), password, role };
    if (role === 'supervisor' && region) user.regionCodes = [region];
    create.mutate(user, {
      onSuccess: (made) => {
        setCreated(made.username);
        setUsername('');
        setPassword('');
        setRegion('');
      },
      onError: (error) => setRefusal(adminRefusalOf(error)),
    });
  };
  const invalid = (field: string) => refusal?.field === field || undefined;
  return (
    <form className="admin-form" onSubmit={submit} data-testid="user-form">
      <h3>{t('admin.users.create')}</h3>
      <label>
        {t('admin.users.username')}
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          aria-invalid={invalid('username')}
          data-testid="user-username"
        />
      </label>
      <label>
        {t('admin.users.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          placeholder={t('admin.users.passwordHint')}
          aria-invalid={invalid('password')}
          data-testid="user-password"
        />
      </label>
      <label>
        {t('admin.users.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as RoleHere)} aria-invalid={invalid('role')} data-testid="user-role">
          <RoleOptions roles={ROLES_HERE} />
        </select>
      </label>
      <label title={t('admin.users.scopeHint')} htmlFor="user-scope">
        {t('admin.users.scope')}
        <RegionSelect
          id="user-scope"
          value={region}
          onChange={setRegion}
          emptyLabel={t('admin.users.scopeNone')}
          testid="user-scope"
          invalid={invalid('region')}
        />
      </label>
      <button type="submit" disabled={create.isPending} data-testid="user-submit">
        {create.isPending ? t('admin.users.submitting') : t('admin.users.submit')}
      </button>
      <RefusalNote refusal={refusal} testid="user-refusal" />
      {created && (
        <p className="admin-done" role="status" data-testid="user-created">
          {t('admin.users.created', { username: created })}
        </p>
      )}
      <p className="admin-note">{t('admin.users.workerNote')}</p>
    </form>
  );
}

function UserRow({ user, onChange }: { user: ManagedUser; onChange: (user: ManagedUser, change: UserChange) => void }) {
  const { t, lang } = useT();
  // A worker or display account keeps its role here: it is bound to what it shows or who it is.
  const roles: readonly string[] = (ROLES_HERE as readonly string[]).includes(user.role) ? ROLES_HERE : [user.role];
  return (
    <tr data-testid="user-row" data-username={user.username} data-disabled={user.disabled}>
      <td>{user.username}</td>
      <td>
        <select
          value={user.role}
          disabled={roles.length === 1}
          onChange={(e) => onChange(user, { role: e.target.value as RoleHere })}
          aria-label={t('admin.users.roleOf', { username: user.username })}
          data-testid="user-row-role"
        >
          <RoleOptions roles={roles} />
        </select>
      </td>
      <td>
        {user.role === 'supervisor' ? (
          <RegionSelect
            value={user.regionCodes[0] ?? ''}
            onChange={(code) => onChange(user, { regionCodes: code ? [code] : [] })}
            emptyLabel={t('admin.users.scopeNone')}
            label={t('admin.users.scopeOf', { username: user.username })}
            testid="user-row-scope"
          />
        ) : (
          '—'
        )}
      </td>
      <td className={user.disabled ? 'admin-state admin-state--off' : 'admin-state'}>{user.disabled ? t('admin.users.disabled') : t('admin.users.active')}</td>
      <td>{formatInstant(user.createdAt, lang)}</td>
      <td>
        <button type="button" onClick={() => onChange(user, { disabled: !user.disabled })} data-testid="user-row-toggle">
          {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
        </button>
      </td>
    </tr>
  );
}

export function UsersPanel() {
  const { t } = useT();
  const users = useUsers();
  const [refusal, setRefusal] = useState<AdminRefusal | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const change = useAdminWrite('users', ({ id, change }: { id: number; change: UserChange }) => adminApi.changeUser(id, change));
  const onChange = (user: ManagedUser, patch: UserChange) => {
    setRefusal(null);
    setSaved(null);
    change.mutate({ id: user.id, change: patch }, { onSuccess: (u) => setSaved(u.username), onError: (error) => setRefusal(adminRefusalOf(error)) });
  };
  return (
    <section className="admin-panel" data-testid="admin-users">
      <NewUserForm />
      <h3>{t('admin.users.title')}</h3>
      <RefusalNote refusal={refusal} testid="user-change-refusal" />
      {saved && (
        <p className="admin-done" role="status" data-testid="user-saved">
          {t('admin.users.saved', { username: saved })}
        </p>
      )}
      <AdminTable
        what="admin.tab.users"
        query={users}
        columns={['admin.users.username', 'admin.users.role', 'admin.users.scope', 'admin.col.state', 'admin.col.created', 'admin.col.actions']}
        count={users.data?.length ?? null}
        empty="admin.users.empty"
      >
        {users.data?.map((user) => (
          <UserRow key={user.id} user={user} onChange={onChange} />
        ))}
      </AdminTable>
    </section>
  );
}
