/** The 网 mark: a 3×3 grid, the middle cell lit. */
export function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
      <rect x="1" y="1" width="22" height="22" rx="4" fill="#0f2a44" stroke="#38bdf8" strokeWidth="1.5" />
      <path d="M8.3 2v20M15.7 2v20M2 8.3h20M2 15.7h20" stroke="#38bdf8" strokeWidth="1.2" />
      <rect x="8.9" y="8.9" width="6.2" height="6.2" fill="#38bdf8" />
    </svg>
  );
}
