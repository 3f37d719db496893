import { useT } from '../../i18n/use-t';
import { statusKey, stepsOf } from './report-status';

/** 上报 → 立案 → 派遣 → 处置 → 核查 → 结案, with where the report is now. */
export function StatusSteps({ status }: { status: string }) {
  const { t } = useT();
  const steps = stepsOf(status);
  return (
    <ol className="report-steps" data-testid="report-steps">
      {steps.map((s) => (
        <li key={s.status} data-status={s.status} data-state={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span className="report-steps__dot" aria-hidden="true" />
          {t(statusKey(s.status))}
        </li>
      ))}
    </ol>
  );
}
