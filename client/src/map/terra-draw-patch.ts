// Our two patches of terra-draw's internals (terra-draw-speed.ts, terra-draw-diff-render.ts)
// replace private members of the exact versions package.json pins. A new version may rename or
// rework them; a patch then leaves terra-draw alone and says so, here, rather than do nothing
// silently: drawing still works, only slower. docs/terra-draw-upstream.md asks for public hooks.

/** Whether a patch took, and if not, which internal it missed. */
export type PatchReport = { applied: true } | { applied: false; reason: string };

export const applied: PatchReport = { applied: true };
export const notApplied = (reason: string): PatchReport => ({ applied: false, reason });

/** Warns (once per call) when a patch did not apply; returns the report for whoever wants it. */
export function warnUnlessApplied(patch: string, report: PatchReport): PatchReport {
  if (!report.applied) console.warn(`terra-draw patch "${patch}" not applied: ${report.reason}. Drawing works, without this speed-up.`);
  return report;
}
