// A QR code as rows of dark (true) and light modules, made in the browser (no server, no network).
import qrcode from 'qrcode-generator';

/** Error correction M: a wall's URL stays readable from a phone with a smudge or two on the screen. */
export function qrMatrix(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => code.isDark(row, col)));
}
