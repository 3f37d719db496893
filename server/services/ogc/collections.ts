import type { AccessClass } from '../../plugins/access-policy'
import type { OgcCollectionId } from '../../domain/ogc-features'

/** The collections served under /ogc/collections, in the order they are listed. */
export const OGC_COLLECTIONS = [
  { id: 'regions', title: 'Regions', description: 'Counties, streets and communities (行政区划) with their boundaries', access: 'public' },
  { id: 'grids', title: 'Grids', description: 'Active governance grids (网格), as GET /api/grids shows them', access: 'public' },
  {
    id: 'service-points',
    title: 'Service points',
    description: 'Public service points: safety, volunteer, education, health, elderly care…',
    access: 'public',
  },
  {
    id: 'households',
    title: 'Households',
    description: 'Households as points; details only for those who may see them, as GET /api/households',
    access: 'read',
  },
  { id: 'incidents', title: 'Incidents', description: 'Reported incidents (事件) with their lifecycle timestamps', access: 'read' },
] as const satisfies readonly { id: OgcCollectionId; title: string; description: string; access: Extract<AccessClass, 'public' | 'read'> }[]

export type OgcCollection = (typeof OGC_COLLECTIONS)[number]
export type { OgcCollectionId } from '../../domain/ogc-features'

export const findCollection = (id: string): OgcCollection | undefined => OGC_COLLECTIONS.find((collection) => collection.id === id)
