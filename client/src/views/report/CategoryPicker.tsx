import type { ReportCategory } from '../../api/reports-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { REPORT_CATEGORIES } from './report-form';

interface Props {
  value: ReportCategory | null;
  onChange: (category: ReportCategory) => void;
  problem: MessageKey | null;
}

/** Step 1: eight big radio tiles with a plain name and examples. */
export function CategoryPicker({ value, onChange, problem }: Props) {
  const { t } = useT();
  return (
    <fieldset
      className={`report-step${problem ? ' report-step--invalid' : ''}`}
      id="report-field-category"
      data-testid="report-category"
      aria-describedby={problem ? 'report-category-problem' : undefined}
    >
      <legend>{t('report.category.legend')}</legend>
      <div className="report-categories">
        {REPORT_CATEGORIES.map((c) => (
          <label key={c} className={`report-category report-category--${c}`}>
            <input type="radio" name="category" value={c} checked={value === c} onChange={() => onChange(c)} data-testid={`report-category-${c}`} />
            <span className="report-category__box">
              <span className="report-category__name">{t(`report.category.${c}` as MessageKey)}</span>
              <span className="report-category__hint">{t(`report.category.${c}.hint` as MessageKey)}</span>
            </span>
          </label>
        ))}
      </div>
      {problem && (
        <p className="report-field-problem" id="report-category-problem" data-testid="report-problem-category">
          {t(problem)}
        </p>
      )}
    </fieldset>
  );
}
