/** The blind spots of a region by kind, the most first (then by kind, so the order is stable), and their total. */
export function blindSpotSummary(byKind: Record<string, number>): { total: number; kinds: { kind: string; count: number }[] } {
  const kinds = Object.entries(byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return { total: kinds.reduce((sum, k) => sum + k.count, 0), kinds };
}
