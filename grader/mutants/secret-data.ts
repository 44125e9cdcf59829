/** Typical mistakes in `secret.data`; the self-check proves each one fails a case. */
import type { SecretDataPart } from '../../engine/apiserver/strategies/secret-data.ts';
import { defineMutants } from '../exercise-tests.ts';

/** The reference's merge (stringData into data, then dropped) with another encoder. */
function mergeWith(encode: (text: string) => string): SecretDataPart['mergeStringData'] {
  return (s) => {
    const stringData = s.stringData;
    delete s.stringData;
    if (!stringData || Object.keys(stringData).length === 0) return;
    s.data = { ...(s.data ?? {}) };
    for (const [k, v] of Object.entries(stringData)) s.data[k] = encode(v);
  };
}

export default defineMutants({
  part: 'secret.data',
  mutants: [
    {
      name: 'data-wins',
      mistake: 'lets data win over stringData for the same key (merges the other way round)',
      make: (ref): SecretDataPart => ({
        ...ref,
        mergeStringData(s) {
          const data = { ...(s.data ?? {}) };
          ref.mergeStringData(s);
          if (s.data) Object.assign(s.data, data);
        },
      }),
    },
    {
      name: 'stringData-kept',
      mistake: 'merges stringData into data but leaves stringData in the object, so it is stored and returned',
      make: (ref): SecretDataPart => ({
        ...ref,
        mergeStringData(s) {
          const kept = s.stringData;
          ref.mergeStringData(s);
          if (kept) s.stringData = kept;
        },
      }),
    },
    {
      name: 'latin1',
      mistake: 'encodes the text with btoa directly: Latin-1 bytes instead of UTF-8 (é becomes one byte, an emoji throws)',
      make: (ref): SecretDataPart => {
        const encode = (text: string) => btoa(text.replace(/[^\u0000-\u00ff]/g, '?'));
        return {
          ...ref,
          encode,
          mergeStringData: mergeWith(encode),
        };
      },
    },
    {
      name: 'lenient-decode',
      mistake: 'decodes with atob, which accepts missing padding and whitespace, so data that Kubernetes refuses is stored',
      make: (ref): SecretDataPart => ({
        ...ref,
        decode(value) {
          try {
            const bin = atob(value);
            return { ok: true, bytes: Uint8Array.from(bin, (c) => c.charCodeAt(0)) };
          } catch {
            return ref.decode(value);
          }
        },
      }),
    },
    {
      name: 'url-alphabet',
      mistake: 'uses the URL-safe base64 alphabet (- and _) instead of the standard one (+ and /)',
      make: (ref): SecretDataPart => {
        const encode = (text: string) => ref.encode(text).replace(/\+/g, '-').replace(/\//g, '_');
        return {
          ...ref,
          encode,
          mergeStringData: mergeWith(encode),
        };
      },
    },
  ],
});
