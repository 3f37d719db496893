import { useEffect, useState } from 'react';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { clockParts } from './wall-format';

export function WallClock() {
  const { t } = useT();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(tick);
  }, []);
  const { date, time, weekday } = clockParts(now);
  return (
    <div className="wall-clock" data-testid="wall-clock">
      <span className="wall-clock__time">{time}</span>
      <span className="wall-clock__date">
        {date} {t(`wall.weekday.${weekday}` as MessageKey)}
      </span>
    </div>
  );
}
