// The form that issues a named secret (a wall token, an Open311 key): a name, any further fields,
// and the button; the name empties once the secret is issued.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/zh-CN';

export function IssueForm({
  kind,
  keys,
  busy,
  nameRefused,
  onIssue,
  children,
}: {
  /** The test ids' prefix: `token` → token-form, token-name, token-submit. */
  kind: string;
  keys: { title: MessageKey; name: MessageKey; placeholder: MessageKey; submit: MessageKey };
  busy: boolean;
  nameRefused: boolean;
  onIssue: (name: string, issued: () => void) => void;
  children?: ReactNode;
}) {
  const { t } = useT();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onIssue(name, () => setName(''));
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid={`${kind}-form`}>
      <h3>{t(keys.title)}</h3>
      <label>
        {t(keys.name)}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t(keys.placeholder)}
          aria-invalid={nameRefused || undefined}
          data-testid={`${kind}-name`}
        />
      </label>
      {children}
      <button type="submit" disabled={busy} data-testid={`${kind}-submit`}>
        {t(keys.submit)}
      </button>
    </form>
  );
}
