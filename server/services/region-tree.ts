import type { RegionRow } from '../repositories/regions.repository'

export interface RegionNode extends RegionRow {
  children: RegionNode[]
}

/** Nests flat rows (sorted by code) under their parents; orphans become roots. */
export function buildRegionTree(rows: RegionRow[]): RegionNode[] {
  const nodes = new Map<string, RegionNode>(rows.map((row) => [row.code, { ...row, children: [] }]))
  const roots: RegionNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
