import type { reportZhCN } from './report.zh-CN';

export const reportEn: Record<keyof typeof reportZhCN, string> = {
  'nav.report': 'Report a problem',
};
