/**
 * resourceVersion parsing (upstream: APIObjectVersioner.ParseResourceVersion). A resourceVersion
 * is opaque to clients; inside the engine it is the store revision in decimal. '' means "none".
 */
import { newBadRequest, type StatusError } from '../../api/errors.ts';

/** 0 for '' or undefined; a StatusError 400 for anything that is not a non-negative integer. */
export function parseResourceVersion(rv: string | undefined): number | StatusError {
  if (rv === undefined || rv === '') return 0;
  if (!/^\d+$/.test(rv) || !Number.isSafeInteger(Number(rv))) {
    return newBadRequest(`invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`);
  }
  return Number(rv);
}
