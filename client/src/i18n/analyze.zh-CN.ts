// /analyze's strings added for issue 17 (error states, legends, comparison, small screens).
export const analyzeZhCN = {
  'analyze.part.kpis': '统计指标',
  'analyze.part.points': '事件点',
  'analyze.part.stats': '图表数据',
  'analyze.part.hex': '六边形聚合',
  'analyze.part.heat': '热力图',
  'analyze.part.grids': '网格统计',
  'analyze.failed': '{parts}加载失败：{reason}',
  'analyze.failed.network': '无法连接服务器',
  'analyze.failed.server': '服务器出错（{status}）',
  'analyze.failed.refused': '请求被拒绝：{message}',
  'analyze.failed.sep': '、',
  'analyze.retry': '重试',
  'analyze.matched.failed': '符合条件：未能统计',
} as const;
