import { useT } from '../i18n/use-t';
import { hoverText, type Hovered } from './analysis-hover';

/** The small note beside the pointer saying what it is over (see use-analysis-hover.ts). */
export function AnalysisTooltip({ at }: { at: { x: number; y: number; hovered: Hovered } | null }) {
  const { t, lang } = useT();
  if (!at) return null;
  return (
    <div className="analysis-tooltip" data-testid="analysis-tooltip" data-kind={at.hovered.kind} role="tooltip" style={{ left: at.x + 14, top: at.y + 14 }}>
      {hoverText(at.hovered, t, lang).map((line, k) => (
        <div key={k}>{line}</div>
      ))}
    </div>
  );
}
