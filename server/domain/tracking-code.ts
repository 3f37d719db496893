// Tracking codes are 16 Crockford base32 characters in groups of four (7K3M-9QX2-P4TD-H8BW): 80
// random bits, the resident's only key to their report. Pure, so the server (which makes and looks
// them up) and the resident's page (which keeps and links them) read them alike. People copy them from a screen, read them over the phone or type them from a note: accept what a person
// would plausibly write and turn it into the one canonical form.

/** Crockford's alphabet: no I, L, O or U, so that nothing reads as something else. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const TRACKING_CODE_LENGTH = 16

/** Crockford's decoding rules: I and L read as 1, O as 0. */
const LOOKALIKES: Record<string, string> = { I: '1', L: '1', O: '0' }

/**
 * The canonical form (`7K3M-9QX2-P4TD-H8BW`) of what someone typed, or null when it cannot be a
 * tracking code. Case, spaces, dashes and the look-alike letters I, L, O do not matter.
 */
export function normalizeTrackingCode(input: string): string | null {
  const chars = input
    .toUpperCase()
    .replace(/[\s\-_.·—–]/g, '')
    .split('')
    .map((c) => LOOKALIKES[c] ?? c)
  if (chars.length !== TRACKING_CODE_LENGTH || chars.some((c) => !CROCKFORD.includes(c))) return null
  const groups: string[] = []
  for (let i = 0; i < TRACKING_CODE_LENGTH; i += 4) groups.push(chars.slice(i, i + 4).join(''))
  return groups.join('-')
}
