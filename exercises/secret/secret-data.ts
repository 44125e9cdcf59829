/**
 * Exercise `secret.data`: base64 and stringData. Read engine/apiserver/strategies/secret-data.ts
 * for the contract and its worked example.
 */
import type { Base64Result, SecretDataFields, SecretDataPart } from '../../engine/apiserver/strategies/secret-data.ts';

function encode(text: string): string {
  void text;
  // TODO: the standard base64 (alphabet A–Z a–z 0–9 + /, `=` padding) of the UTF-8 bytes of text.
  throw new Error('TODO: secret.data encode');
}

function decode(value: string): Base64Result {
  void value;
  // TODO: decode like Go's base64.StdEncoding: the bytes, or { ok: false, offset } with the input
  // byte Go's error would name. Line breaks (\r, \n) are skipped; padding must be complete and end
  // the input.
  throw new Error('TODO: secret.data decode');
}

function mergeStringData(secret: SecretDataFields): void {
  void secret;
  // TODO: fold stringData into data the way the apiserver stores a Secret: what a reader sees in
  // data afterwards, and what becomes of stringData itself.
  throw new Error('TODO: secret.data mergeStringData');
}

export const secretData: SecretDataPart = { encode, decode, mergeStringData };
