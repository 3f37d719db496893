import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { ANALYZE_PARTS, loadFailure, type AnalyzePart } from './load-errors';

interface Read {
  error: unknown;
  retry: () => void;
}

/** One note for the parts of /analyze that failed to load: which, why, and a retry for them all. */
export function LoadFailures({ reads }: { reads: Record<AnalyzePart, Read> }) {
  const { t } = useT();
  const failed = ANALYZE_PARTS.filter((part) => reads[part].error);
  if (!failed.length) return null;
  const { key, ...values } = loadFailure(reads[failed[0]].error);
  return (
    <div className="analyze-failed" role="alert" data-testid="analyze-failed" data-parts={failed.join(' ')}>
      <span>
        {t('analyze.failed', {
          parts: failed.map((part) => t(`analyze.part.${part}` as MessageKey)).join(t('analyze.failed.sep')),
          reason: t(key, values),
        })}
      </span>
      <button
        type="button"
        data-testid="analyze-retry"
        onClick={() => {
          for (const part of failed) reads[part].retry();
        }}
      >
        {t('analyze.retry')}
      </button>
    </div>
  );
}
