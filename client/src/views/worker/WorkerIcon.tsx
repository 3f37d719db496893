// Line icons drawn here rather than emoji: a phone without an emoji font (or a headless browser)
// would otherwise show empty boxes.
const PATHS = {
  tasks: 'M9 4h6v2H9zM7 5H5v16h14V5h-2M8.5 13l2.5 2.5 5-5',
  report: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 8v8M8 12h8',
  patrol: 'M6 20c0-3 3-3 3-6s-3-3-3-6M6 4.5a1.5 1.5 0 1 0 0.01 0M18 14a4 4 0 0 0-4 4c0 2 4 5 4 5s4-3 4-5a4 4 0 0 0-4-4M18 17.5v0.5',
  visit: 'M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10',
  camera: 'M4 7h3l2-3h6l2 3h3v13H4zM12 10a3.5 3.5 0 1 0 0.01 0',
} as const;

export type IconName = keyof typeof PATHS;

export function WorkerIcon({ name, size = 22 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="wk-icon"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
