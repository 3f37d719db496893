// The /analyze map's legend and hover, in English (keys as analyze-map.zh-CN.ts).
import type { analyzeMapZhCN } from './analyze-map.zh-CN';

export const analyzeMapEn: Record<keyof typeof analyzeMapZhCN, string> = {
  'analyzeMap.legend': 'Legend',
  'analyzeMap.legend.heat': 'Heat: incidents per {m} m cell',
  'analyzeMap.legend.hexCount': 'Hexagons ({m} m): incidents',
  'analyzeMap.legend.hexOverdue': 'Hexagons ({m} m): share overdue',
  'analyzeMap.legend.points': 'Incidents, coloured by status',
  'analyzeMap.legend.choropleth': 'Grids: incidents per 100 households',
  'analyzeMap.legend.none': 'No data',
  'analyzeMap.legend.total': '{n} in all',
  'analyzeMap.hover.reported': 'Reported {time}',
  'analyzeMap.hover.hexCount': '{n} incidents',
  'analyzeMap.hover.hexOverdue': '{share} overdue',
  'analyzeMap.hover.heat': '{n} incidents in this {m} m cell',
  'analyzeMap.hover.gridRate': '{rate} per 100 households',
  'analyzeMap.hover.gridCount': '{n} incidents · {households} households',
};
