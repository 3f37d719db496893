import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { gridEditsApi, type SplitMergePreview, type ValidationReport } from '../../api/grid-edits-client';
import { queryKeys, useGrids, useInvalidateGrids } from '../../api/queries';
import { ApiError } from '../../api/request';
import type { GridCollection, GridFeature } from '../../api/types';
import type { EditTool } from '../../map/EditMap';
import { linkedEdit, mergeLinked, neighbourShapes } from '../../map/edit-topology';
import { batchApi, type BatchValidationReport, type GridBatch } from './batch-api';
import { communityFor, editablePolygon, sameEdit, savedSelection, toggleSelection, type PendingEdit } from './pending-edit';
import { canRedo, canUndo, push, redo, undo, undoStack, type UndoStack } from './undo-stack';

export type Check =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'report'; report: ValidationReport }
  | { status: 'batch'; report: BatchValidationReport }
  | { status: 'preview'; preview: SplitMergePreview }
  | { status: 'error'; code: string };

export interface Conflict {
  by: string;
  version: number;
}

const errorCode = (e: unknown) => (e instanceof ApiError && e.code ? e.code : 'other');

/** The neighbours moved so far, plus those the latest vertex edit moves; back in their own shape they drop out. */
function linkedOf(byId: Map<number, GridFeature>, current: Extract<PendingEdit, { kind: 'reshape' }>, geometry: Polygon, toleranceDeg: number) {
  const moved = linkedEdit(current.geometry, geometry, neighbourShapes([...byId.values()], current.gridId, current.linked), toleranceDeg);
  return mergeLinked(current.linked, moved).filter((n) => JSON.stringify(n.geometry) !== JSON.stringify(byId.get(n.gridId)?.geometry));
}

/** A reshape that moved neighbours with it is saved (and checked) as one multi-grid edit. */
function batchOf(pending: Extract<PendingEdit, { kind: 'reshape' }>, reason?: string): GridBatch {
  const grids = [
    { id: pending.gridId, version: pending.version, geometry: pending.geometry },
    ...pending.linked.map((n) => ({ id: n.gridId, version: n.version, geometry: n.geometry })),
  ];
  return reason ? { grids, reason } : { grids };
}

/** Everything the /edit page holds: the grids, the tool, the pending edit with undo/redo, its check and its save. */
export function useEditSession(regionCode: string | undefined) {
  // The same query as the page's map view (useGridView): one request for both.
  const grids: GridCollection | null = useGrids(regionCode ? { region: regionCode } : null).data ?? null;
  const reloadGrids = useInvalidateGrids();
  const queryClient = useQueryClient();
  const [tool, setToolState] = useState<EditTool>('select');
  const [selected, setSelected] = useState<number[]>([]);
  const [stack, setStack] = useState<UndoStack<PendingEdit | null>>(undoStack(null));
  const [avoidOverlaps, setAvoidOverlaps] = useState(false);
  // Topological editing (QGIS): shared vertices move together. On unless the supervisor turns it off.
  const [topological, setTopological] = useState(true);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState<{ of: PendingEdit | null; avoidOverlaps: boolean; check: Check }>({
    of: null,
    avoidOverlaps: false,
    check: { status: 'idle' },
  });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const pending = stack.present;

  const byId = useMemo(() => new Map((grids?.features ?? []).map((g) => [g.properties.id, g as GridFeature])), [grids]);

  const setPending = useCallback((next: PendingEdit | null) => {
    setStack((s) => (sameEdit(s.present, next) ? s : push(s, next)));
    setMessage(null);
  }, []);

  // What the panel shows is the check of the pending edit as it is now, never the answer about an
  // earlier shape (that would let Save through, for a moment, on a check of something else).
  const check = useMemo<Check>(() => {
    if (!pending || pending.kind === 'delete') return { status: 'idle' };
    return checked.of === pending && checked.avoidOverlaps === avoidOverlaps ? checked.check : { status: 'checking' };
  }, [pending, avoidOverlaps, checked]);

  // Every pending edit is checked by the server before it can be saved.
  useEffect(() => {
    if (!pending || pending.kind === 'delete') return;
    // Stale answers are ignored rather than aborted: an aborted fetch counts as a failed request.
    let current = true;
    const setCheck = (c: Check) => current && setChecked({ of: pending, avoidOverlaps, check: c });
    const timer = setTimeout(() => {
      const run = async (): Promise<Check> => {
        if (pending.kind === 'create')
          return {
            status: 'report',
            report: await gridEditsApi.validate({ geometry: pending.geometry, communityCode: pending.communityCode || undefined }, avoidOverlaps),
          };
        if (pending.kind === 'reshape' && pending.linked.length > 0)
          return { status: 'batch', report: await batchApi.validate(batchOf(pending), avoidOverlaps) };
        if (pending.kind === 'reshape')
          return {
            status: 'report',
            report: await gridEditsApi.validate({ geometry: pending.geometry, id: pending.gridId, version: pending.version }, avoidOverlaps),
          };
        if (pending.kind === 'revert')
          // The revert route never clips, so neither does its check.
          return { status: 'report', report: await gridEditsApi.validate({ geometry: pending.geometry, id: pending.gridId, version: pending.version }, false) };
        if (pending.kind === 'split')
          return {
            status: 'preview',
            preview: (await gridEditsApi.split(pending.gridId, pending.line, pending.version, undefined, true)) as SplitMergePreview,
          };
        return { status: 'preview', preview: (await gridEditsApi.merge(pending.ids, pending.versions, undefined, true)) as SplitMergePreview };
      };
      run().then(setCheck, (e: unknown) => setCheck({ status: 'error', code: errorCode(e) }));
    }, 200);
    return () => {
      clearTimeout(timer);
      current = false;
    };
  }, [pending, avoidOverlaps]);

  // A message is about the grid it was said of: choosing another clears it.
  const onSelect = useCallback((id: number, additive: boolean) => {
    setSelected((s) => toggleSelection(s, id, additive));
    setMessage(null);
  }, []);

  /** A finished drawing or vertex edit; `toleranceDeg` is the snapping tolerance at the map's scale. */
  const onPolygon = useCallback(
    (geometry: Polygon, toleranceDeg: number) => {
      setStack((s) => {
        const current = s.present;
        const next: PendingEdit =
          current?.kind === 'reshape'
            ? { ...current, geometry, linked: topological ? linkedOf(byId, current, geometry, toleranceDeg) : current.linked }
            : {
                kind: 'create',
                communityCode: current?.kind === 'create' ? current.communityCode : (communityFor(regionCode, [...byId.values()], selected) ?? ''),
                geometry,
              };
        return sameEdit(current, next) ? s : push(s, next);
      });
    },
    [regionCode, byId, selected, topological],
  );

  const onLine = useCallback(
    (line: LineString) => {
      const grid = byId.get(selected[0]);
      if (grid) setPending({ kind: 'split', gridId: grid.properties.id, version: grid.properties.version, line });
    },
    [byId, selected, setPending],
  );

  const setTool = useCallback(
    (next: EditTool) => {
      setToolState(next);
      const grid = byId.get(selected[0]);
      if (next === 'reshape' && grid)
        setPending({ kind: 'reshape', gridId: grid.properties.id, version: grid.properties.version, geometry: editablePolygon(grid), linked: [] });
    },
    [byId, selected, setPending],
  );

  const merge = useCallback(() => {
    const chosen = selected.map((id) => byId.get(id)).filter((g): g is GridFeature => Boolean(g));
    if (chosen.length >= 2) setPending({ kind: 'merge', ids: chosen.map((g) => g.properties.id), versions: chosen.map((g) => g.properties.version) });
  }, [byId, selected, setPending]);

  const remove = useCallback(() => {
    const grid = byId.get(selected[0]);
    if (grid) setPending({ kind: 'delete', gridId: grid.properties.id, version: grid.properties.version });
  }, [byId, selected, setPending]);

  /** Restoring an earlier version is a pending edit like any other: checked first, saved on confirmation. */
  const restore = useCallback(
    (toVersion: number, geometry: Polygon | MultiPolygon) => {
      const grid = byId.get(selected[0]);
      if (grid) setPending({ kind: 'revert', gridId: grid.properties.id, version: grid.properties.version, toVersion, geometry });
    },
    [byId, selected, setPending],
  );

  const reset = useCallback(() => {
    setStack(undoStack(null));
    setToolState('select');
    setReason('');
  }, []);

  /** Esc: a drawing or pending edit is dropped; with none, the selection is. */
  const dropCurrent = useCallback(() => {
    if (stack.present || tool !== 'select') reset();
    else setSelected([]);
    setMessage(null);
  }, [stack.present, tool, reset]);

  const reload = useCallback(() => {
    reset();
    setConflict(null);
    setSelected([]);
    void reloadGrids();
  }, [reset, reloadGrids]);

  const save = useCallback(async () => {
    if (!pending) return;
    setSaving(true);
    const why = reason.trim() || undefined;
    try {
      const result =
        pending.kind === 'create'
          ? await gridEditsApi.create({ geometry: pending.geometry, communityCode: pending.communityCode || undefined, reason: why }, avoidOverlaps)
          : pending.kind === 'reshape' && pending.linked.length > 0
            ? await batchApi.save(batchOf(pending, why), avoidOverlaps)
            : pending.kind === 'reshape'
              ? await gridEditsApi.update(pending.gridId, { geometry: pending.geometry, version: pending.version, reason: why }, avoidOverlaps)
              : pending.kind === 'split'
                ? await gridEditsApi.split(pending.gridId, pending.line, pending.version, why, false)
                : pending.kind === 'merge'
                  ? await gridEditsApi.merge(pending.ids, pending.versions, why, false)
                  : pending.kind === 'revert'
                    ? await gridEditsApi.revert(pending.gridId, pending.toVersion, pending.version, why)
                    : await gridEditsApi.remove(pending.gridId, pending.version, why);
      reset();
      setSelected(
        savedSelection(
          pending,
          result.grids.map((g) => g.properties.id),
        ),
      );
      void reloadGrids();
      // The blind spots change with the grids.
      void queryClient.invalidateQueries({ queryKey: queryKeys.allCoverage() });
      setMessage({ kind: 'saved', text: result.grids.map((g) => g.properties.code).join(', ') || String(result.deletedGridIds.length) });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale_version') {
        const details = (e as ApiError & { details?: { changedBy?: string; currentVersion?: number } }).details;
        setConflict({ by: details?.changedBy ?? '?', version: details?.currentVersion ?? 0 });
      } else {
        setMessage({ kind: 'failed', text: errorCode(e) });
      }
    } finally {
      setSaving(false);
    }
  }, [pending, reason, avoidOverlaps, reset, reloadGrids, queryClient]);

  return {
    grids,
    byId,
    tool,
    setTool,
    selected,
    onSelect,
    pending,
    onPolygon,
    onLine,
    merge,
    remove,
    restore,
    avoidOverlaps,
    setAvoidOverlaps,
    topological,
    setTopological,
    reason,
    setReason,
    check,
    conflict,
    message,
    saving,
    save,
    cancel: reset,
    escape: dropCurrent,
    dismissMessage: () => setMessage(null),
    reload,
    canUndo: canUndo(stack),
    canRedo: canRedo(stack),
    undo: () => setStack(undo),
    redo: () => setStack(redo),
    refresh: () => void reloadGrids(),
  };
}

export type EditSession = ReturnType<typeof useEditSession>;
