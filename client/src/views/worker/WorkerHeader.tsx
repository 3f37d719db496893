import { useEffect, useRef, useState } from 'react';
import type { OutboxState } from '../../api/outbox';
import { BrandMark } from '../../app/BrandMark';
import { SessionMenu } from '../../auth/SessionMenu';
import { LangSwitch } from '../../i18n/LangSwitch';
import { useT } from '../../i18n/use-t';

export interface WorkerHeaderProps {
  name: string;
  outbox: OutboxState | null;
  online: boolean;
  onOpenOutbox: () => void;
}

/** The slim phone header: brand, what waits to be sent, language, and the account (who, log out). */
export function WorkerHeader({ name, outbox, online, onOpenOutbox }: WorkerHeaderProps) {
  const { t } = useT();
  const [menuOpen, setMenuOpen] = useState(false);
  const accountRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const onDown = (e: PointerEvent) => {
      if (!accountRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [menuOpen]);
  const waiting = outbox ? outbox.entries.filter((e) => !e.refused).length : 0;
  const refused = outbox ? outbox.entries.length - waiting : 0;

  return (
    <header className="wk-header" data-testid="app-header">
      <div className="wk-brand">
        <BrandMark />
        <span className="wk-brand__name">{t('nav.worker')}</span>
      </div>
      <button
        type="button"
        className={`wk-outbox-badge${waiting > 0 ? ' has-waiting' : ''}${refused > 0 ? ' has-refused' : ''}${online ? '' : ' is-offline'}`}
        data-testid="outbox-badge"
        data-count={outbox ? waiting : undefined}
        data-refused={refused}
        onClick={onOpenOutbox}
      >
        <span className="wk-net-dot" aria-hidden="true" />
        {waiting > 0 ? t('worker.outbox.badge', { n: waiting }) : refused > 0 ? t('worker.outbox.refusedCount', { n: refused }) : t('worker.outbox.allSent')}
      </button>
      <LangSwitch />
      <div className="wk-account" ref={accountRef}>
        <button
          type="button"
          className="wk-account__btn"
          aria-expanded={menuOpen}
          aria-haspopup="true"
          data-testid="worker-account"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {name}
        </button>
        {menuOpen && (
          <div className="wk-account__menu" role="group" aria-label={t('worker.menu')}>
            <SessionMenu />
          </div>
        )}
      </div>
    </header>
  );
}
