// Making tracking codes (server/domain/tracking-code.ts says what one is). Unguessable: 80 random
// bits; only a SHA-256 of each is stored.
import { createHash, randomBytes } from 'node:crypto'
import { CROCKFORD as ALPHABET } from '../../domain/tracking-code'

export { normalizeTrackingCode } from '../../domain/tracking-code'

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

export const hashTrackingCode = (code: string) => createHash('sha256').update(code).digest('hex')
