import { feature, point } from '../../fixtures/small-town'
import { importAs } from './coverage-fixture'
import { importSmallTown } from './small-town-import'
import type { TestApp } from './test-app'

/**
 * The OGC tests' town: the small town's 4 regions and 2 west grids, 3 households (one in the east,
 * outside every grid) and 3 service points; each test file adds the incidents it needs.
 */
export async function importOgcTown(t: TestApp): Promise<void> {
  await importSmallTown(t)
  await importAs(
    t,
    'households',
    feature(point(120.005, 33.005), { externalId: 'w-1', address: '西社区幸福路1号', population: 3 }),
    feature(point(120.005, 33.015), { externalId: 'w-2', address: '西社区幸福路9号', population: 2 }),
    feature(point(120.015, 33.005), { externalId: 'e-1', address: '东社区和平路2号', population: 1 }),
  )
  await importAs(
    t,
    'service-points',
    feature(point(120.002, 33.002), { name: '警务室', category: 'safety' }),
    feature(point(120.012, 33.012), { name: '卫生站', category: 'health' }),
    feature(point(120.018, 33.018), { name: '养老驿站', category: 'elderly_care' }),
  )
}
