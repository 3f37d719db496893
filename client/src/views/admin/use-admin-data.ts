// The admin view's server state: one query per list, and writes that refresh the list they change.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../../api/admin-client';
import { queryKeys } from '../../api/queries';

export type AdminList = 'users' | 'displayTokens' | 'open311Clients';

export const useUsers = () => useQuery({ queryKey: queryKeys.admin('users'), queryFn: ({ signal }) => adminApi.users(signal) });
export const useDisplayTokens = () => useQuery({ queryKey: queryKeys.admin('displayTokens'), queryFn: ({ signal }) => adminApi.displayTokens(signal) });
export const useOpen311Clients = () => useQuery({ queryKey: queryKeys.admin('open311Clients'), queryFn: ({ signal }) => adminApi.open311Clients(signal) });

/** One page of the audit log; the last page stays on screen while the next one loads. */
export const useAuditEntries = (qs: string) =>
  useQuery({ queryKey: queryKeys.admin('audit', qs), queryFn: ({ signal }) => adminApi.audit(qs, signal), placeholderData: keepPreviousData });

/** A write whose success makes `list` (and the audit log, which records every write) be read again. */
export function useAdminWrite<A, R>(list: AdminList, write: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: queryKeys.allAdmin(list) }), client.invalidateQueries({ queryKey: queryKeys.allAdmin('audit') })]),
  });
}
