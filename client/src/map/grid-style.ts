// Pure styling of grid features: no maplibre import here, so it is unit-testable in node.
import type { GridCollection, GridProperties } from '../api/types';

export type ColorMode = 'type' | 'households';
export const COLOR_MODES: readonly ColorMode[] = ['type', 'households'];

/** Size norm for comprehensive grids (households). A warning band, not a rule; configurable. */
export interface HouseholdNorm {
  min: number;
  max: number;
}
export const DEFAULT_HOUSEHOLD_NORM: HouseholdNorm = { min: 300, max: 500 };

export type SizeClass = 'under' | 'normal' | 'over' | 'dedicated';

export const PALETTE = {
  comprehensive: '#2f9bff',
  dedicated: '#b37feb',
  under: '#f6c244',
  normal: '#36cfa0',
  over: '#ff6b5b',
  outline: '#d6ecff',
} as const;

/** Dedicated grids (schools, hospitals, parks) are outside the household norm altogether. */
export function sizeClass(props: Pick<GridProperties, 'type' | 'householdCount'>, norm = DEFAULT_HOUSEHOLD_NORM): SizeClass {
  if (props.type === 'dedicated') return 'dedicated';
  if (props.householdCount < norm.min) return 'under';
  if (props.householdCount > norm.max) return 'over';
  return 'normal';
}

export function gridFillColor(props: Pick<GridProperties, 'type' | 'householdCount'>, mode: ColorMode, norm = DEFAULT_HOUSEHOLD_NORM): string {
  if (mode === 'type') return props.type === 'dedicated' ? PALETTE.dedicated : PALETTE.comprehensive;
  const cls = sizeClass(props, norm);
  return cls === 'dedicated' ? PALETTE.dedicated : PALETTE[cls];
}

export interface LegendItem {
  key: string;
  color: string;
  /** i18n message key and params, resolved by the component. */
  label: {
    key: 'grid.type.comprehensive' | 'grid.type.dedicated' | 'grid.size.under' | 'grid.size.normal' | 'grid.size.over';
    params?: Record<string, number>;
  };
}

export function legendItems(mode: ColorMode, norm = DEFAULT_HOUSEHOLD_NORM): LegendItem[] {
  const dedicated: LegendItem = { key: 'dedicated', color: PALETTE.dedicated, label: { key: 'grid.type.dedicated' } };
  if (mode === 'type') {
    return [{ key: 'comprehensive', color: PALETTE.comprehensive, label: { key: 'grid.type.comprehensive' } }, dedicated];
  }
  const params = { min: norm.min, max: norm.max };
  return [
    { key: 'under', color: PALETTE.under, label: { key: 'grid.size.under', params } },
    { key: 'normal', color: PALETTE.normal, label: { key: 'grid.size.normal', params } },
    { key: 'over', color: PALETTE.over, label: { key: 'grid.size.over', params } },
    dedicated,
  ];
}

/** Copies the collection with a `fill` property per feature, read by the map's fill layer. */
export function styleGrids(grids: GridCollection, mode: ColorMode, norm = DEFAULT_HOUSEHOLD_NORM): GridCollection {
  return {
    ...grids,
    features: grids.features.map((f) => ({
      ...f,
      properties: { ...f.properties, fill: gridFillColor(f.properties, mode, norm) },
    })),
  };
}
