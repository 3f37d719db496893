// A QR code drawn as one SVG path (crisp at any size, printable), made in the browser.
import { useMemo } from 'react';
import { qrMatrix } from './qr-matrix';

/** A quiet zone of 4 modules round the code, as the standard asks, so phones find its edges. */
const QUIET = 4;

export function QrCode({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const { path, extent } = useMemo(() => {
    const matrix = qrMatrix(text);
    const cells: string[] = [];
    matrix.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) cells.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
      });
    });
    return { path: cells.join(''), extent: matrix.length + 2 * QUIET };
  }, [text]);
  return (
    <svg
      className="admin-qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
      data-testid="wall-qr"
      data-text={text}
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
