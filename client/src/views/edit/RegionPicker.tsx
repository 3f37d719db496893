import { useMemo } from 'react';
import type { BBox, Region } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { pickableRegions } from './editable-grids';

/** The streets and communities the user may edit, under the page's region: choosing one zooms the map to it. */
export function RegionPicker({ root, scope, onPick }: { root: Region | null; scope: readonly string[]; onPick: (bbox: BBox) => void }) {
  const { t } = useT();
  const options = useMemo(() => pickableRegions(root, scope), [root, scope]);
  if (options.length === 0) return null;
  return (
    <label className="edit-find__field">
      {t('edit.find.region')}
      <select
        value=""
        onChange={(e) => {
          const bbox = options.find((r) => r.code === e.target.value)?.bbox;
          if (bbox) onPick(bbox);
        }}
        data-testid="region-picker"
      >
        <option value="">{t('edit.find.regionAll')}</option>
        {options.map((r) => (
          <option key={r.code} value={r.code}>
            {r.level === 'community' ? `　${r.name}` : r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
