// Photos leave the phone small: a 12-megapixel camera JPEG is 4–8 MB, which a weak mobile
// connection (and the server's 5 MB cap) should not have to carry. The server re-encodes and strips
// EXIF again whatever arrives; this only keeps the upload light.

/** The longest side a photo is sent at, in pixels. */
export const PHOTO_MAX_SIDE = 1600;
/** At most this many photos go with one report or task update (the server refuses more). */
export const PHOTOS_MAX = 3;
/** The server's limit for one photo, decoded. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface PhotoUpload {
  /** base64 without a data: prefix, as the API takes it. */
  data: string;
}

/** The size a w×h picture is scaled to so that its longest side is at most `max`. */
export function scaledSize(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= max) return { width, height };
  const k = max / longest;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Why a chosen file cannot be a photo (a message key suffix), or null. */
export function photoProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return 'type';
  // Larger originals are scaled down below; only absurd ones are refused before decoding.
  if (file.size > 8 * PHOTO_MAX_BYTES) return 'size';
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A chosen image file, scaled to PHOTO_MAX_SIDE and re-encoded as JPEG, ready for the API. */
export async function readPhotoForUpload(file: Blob): Promise<PhotoUpload> {
  const bitmap = await createImageBitmap(file);
  try {
    const { width, height } = scaledSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    return { data: toBase64(new Uint8Array(await jpeg.arrayBuffer())) };
  } finally {
    bitmap.close();
  }
}
