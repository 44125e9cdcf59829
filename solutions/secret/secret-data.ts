/**
 * Reference implementation of the part `secret.data` (contract: engine/apiserver/strategies/
 * secret-data.ts): base64 as Go's encoding/base64 StdEncoding does it, and stringData folded into
 * data as Convert_v1_Secret_To_core_Secret (KK pkg/apis/core/v1/conversion.go) does it.
 *
 * Why bytes and not characters: `data` holds arbitrary bytes (a TLS key, a keystore), so base64
 * works on bytes. Text from stringData becomes bytes through UTF-8 — the encoding Go strings and
 * every pod reading the mounted file use. `btoa(text)` alone would be wrong twice: it throws on
 * characters above U+00FF, and below that it encodes Latin-1, so `é` would become one byte 0xE9
 * instead of the two bytes C3 A9.
 */
import type { Base64Result, SecretDataFields, SecretDataPart } from '../../engine/apiserver/strategies/secret-data.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d; // '='
const CR = 0x0d;
const LF = 0x0a;

/** decodeMap of Go's Encoding: byte → 6-bit value, 0xff for bytes outside the alphabet. */
const DECODE_MAP = (() => {
  const m = new Uint8Array(256).fill(0xff);
  for (let i = 0; i < ALPHABET.length; i++) m[ALPHABET.charCodeAt(i)] = i;
  return m;
})();

/** Every 3 bytes become 4 characters; a last group of 1 or 2 bytes is padded with `=`. */
export function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = bytes.length - i;
    const v = (bytes[i]! << 16) | ((n > 1 ? bytes[i + 1]! : 0) << 8) | (n > 2 ? bytes[i + 2]! : 0);
    out += ALPHABET[(v >> 18) & 63]! + ALPHABET[(v >> 12) & 63]!;
    out += n > 1 ? ALPHABET[(v >> 6) & 63]! : '=';
    out += n > 2 ? ALPHABET[v & 63]! : '=';
  }
  return out;
}

function encode(text: string): string {
  return encodeBytes(new TextEncoder().encode(text));
}

/**
 * Go's Encoding.decodeQuantum in a loop: read 4 symbols at a time, skipping CR/LF; padding may
 * only complete a quantum of 2 or 3 symbols and must end the input. Offsets are byte offsets in
 * the (UTF-8) input, as Go reports them in CorruptInputError.
 */
function decode(value: string): Base64Result {
  // Go works on bytes: a non-ASCII character is several input bytes (and never valid).
  const ascii = !/[^\x00-\x7f]/.test(value);
  const utf8 = ascii ? undefined : new TextEncoder().encode(value);
  const n = utf8 ? utf8.length : value.length;
  const at = (i: number) => (utf8 ? utf8[i]! : value.charCodeAt(i));
  const out = new Uint8Array(Math.floor((n * 3) / 4) + 3);
  let o = 0;
  let si = 0;
  const skipNewlines = () => {
    while (si < n && (at(si) === LF || at(si) === CR)) si++;
  };
  while (si < n) {
    let q = 0;
    let len = 4;
    for (let j = 0; j < 4; j++) {
      if (si === n) {
        if (j === 0) return { ok: true, bytes: out.slice(0, o) };
        // StdEncoding has padding: a quantum cut short is always an error.
        return { ok: false, offset: si - j };
      }
      const c = at(si++);
      const v = DECODE_MAP[c]!;
      if (v !== 0xff) {
        q = (q << 6) | v;
        continue;
      }
      if (c === LF || c === CR) {
        j--;
        continue;
      }
      if (c !== PAD) return { ok: false, offset: si - 1 };
      // Padding: only after 2 or 3 symbols ("xx==" or "xxx=").
      if (j < 2) return { ok: false, offset: si - 1 };
      if (j === 2) {
        skipNewlines();
        if (si === n) return { ok: false, offset: n };
        if (at(si) !== PAD) return { ok: false, offset: si - 1 };
        si++;
      }
      skipNewlines();
      // Anything after the padding is trailing garbage.
      if (si < n) return { ok: false, offset: si };
      len = j;
      q <<= 6 * (4 - j);
      break;
    }
    out[o++] = (q >> 16) & 255;
    if (len > 2) out[o++] = (q >> 8) & 255;
    if (len > 3) out[o++] = q & 255;
  }
  return { ok: true, bytes: out.slice(0, o) };
}

/**
 * stringData is applied after data, key by key, so it wins; it is then deleted because the
 * internal Secret type has no such field — which is why a read never shows it.
 */
function mergeStringData(secret: SecretDataFields): void {
  const stringData = secret.stringData;
  delete secret.stringData;
  if (!stringData || Object.keys(stringData).length === 0) return;
  const data: Record<string, string> = { ...(secret.data ?? {}) };
  for (const [k, v] of Object.entries(stringData)) data[k] = encode(v);
  secret.data = data;
}

export const secretData: SecretDataPart = { encode, decode, mergeStringData };
