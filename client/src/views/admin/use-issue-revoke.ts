// Issuing a secret (shown once) and revoking it, as the wall tokens and Open311 keys both work:
// what was just issued, what was just revoked, and the server's refusal, one at a time.
import { useState } from 'react';
import { adminRefusalOf, type AdminRefusal } from './admin-errors';
import { type AdminList, useAdminWrite } from './use-admin-data';

export function useIssueAndRevoke<Issued, Item extends { name: string }>(
  list: AdminList,
  issueWrite: (name: string) => Promise<Issued>,
  revokeWrite: (item: Item) => Promise<void>,
) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [refusal, setRefusal] = useState<AdminRefusal | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const issuing = useAdminWrite(list, issueWrite);
  const revoking = useAdminWrite(list, revokeWrite);
  const onError = (error: unknown) => setRefusal(adminRefusalOf(error));
  const start = () => {
    setRefusal(null);
    setRevoked(null);
  };
  return {
    issued,
    refusal,
    revoked,
    issuing: issuing.isPending,
    revoking: revoking.isPending,
    /** Issues under `name` (trimmed); `then` runs once it is issued (to empty the form). */
    issue(name: string, then: () => void) {
      start();
      setIssued(null);
      issuing.mutate(name.trim(), {
        onSuccess: (made) => {
          setIssued(made);
          then();
        },
        onError,
      });
    },
    revoke(item: Item) {
      start();
      revoking.mutate(item, { onSuccess: () => setRevoked(item.name), onError });
    },
  };
}
