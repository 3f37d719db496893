// A resident's key to their report: 80 random bits in Crockford base32 (no I, L, O, U), grouped
// in fours so it can be read over the phone. Unguessable; only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const LENGTH = 16

export function newTrackingCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(10)
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return out.match(/.{4}/g)!.join('-')
}

/** The code as typed: any case, dashes or spaces, and the letters Crockford reads as digits; null when it cannot be one. */
export function normalizeTrackingCode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  if (compact.length !== LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null
  return compact.match(/.{4}/g)!.join('-')
}

export const hashTrackingCode = (code: string) => createHash('sha256').update(code).digest('hex')
