// The /analyze map's legend and hover (issue 17, item 7): what the colours mean and what is under the pointer.
export const analyzeMapZhCN = {
  'analyzeMap.legend': '图例',
  'analyzeMap.legend.heat': '热力：每 {m} 米方格事件数',
  'analyzeMap.legend.hexCount': '六边形（{m} 米）：事件数',
  'analyzeMap.legend.hexOverdue': '六边形（{m} 米）：超期率',
  'analyzeMap.legend.points': '事件点：按状态着色',
  'analyzeMap.legend.choropleth': '网格：每百户事件数',
  'analyzeMap.legend.none': '暂无数据',
  'analyzeMap.legend.total': '共 {n} 件',
  'analyzeMap.hover.reported': '上报于 {time}',
  'analyzeMap.hover.hexCount': '{n} 件事件',
  'analyzeMap.hover.hexOverdue': '超期率 {share}',
  'analyzeMap.hover.heat': '此 {m} 米方格内 {n} 件事件',
  'analyzeMap.hover.gridRate': '每百户 {rate} 件',
  'analyzeMap.hover.gridCount': '{n} 件事件 · {households} 户',
} as const;
