import type { analyzeZhCN } from './analyze.zh-CN';

export const analyzeEn: Record<keyof typeof analyzeZhCN, string> = {
  'analyze.part.kpis': 'KPIs',
  'analyze.part.points': 'incident points',
  'analyze.part.stats': 'chart data',
  'analyze.part.hex': 'hexagon bins',
  'analyze.part.heat': 'heat map',
  'analyze.part.grids': 'per-grid statistics',
  'analyze.failed': 'Could not load {parts}: {reason}',
  'analyze.failed.network': 'the server cannot be reached',
  'analyze.failed.server': 'server error ({status})',
  'analyze.failed.refused': 'the request was refused: {message}',
  'analyze.failed.sep': ', ',
  'analyze.retry': 'Retry',
  'analyze.matched.failed': 'Matching: not counted',
};
