/**
 * Secrets (upstream: pkg/registry/core/secret/strategy.go).
 *
 * What is special about a Secret happens around the strategy rather than in it:
 *  - decoding: `data` is bytes carried as base64, and `stringData` is folded into `data` and
 *    dropped before anything else sees the object — the part `secret.data` (secret-data.ts),
 *    called from handlers/decode.ts;
 *  - validation: key names and `immutable` (api/validation/config.ts), the keys each `type`
 *    requires, the 1 MiB cap and `type` being immutable — the part `secret.types`
 *    (api/validation/secret-types.ts);
 *  - redaction: the trace records a failed Secret write with its reason and field paths only
 *    (api-server.ts traceMessage), and no error the apiserver builds quotes a value.
 * The strategy itself keeps upstream's generic answers: no status, no generation, a PUT never
 * creates, an unconditional update is allowed. (Upstream also warns when a kubernetes.io/tls
 * Secret's certificate does not match its key; tinykube does not parse certificates.)
 * The field selector `type` (`kubectl get secrets --field-selector type=kubernetes.io/tls`)
 * is served by api/fields.ts.
 */
import { RESOURCES } from '../../api/resources.ts';
import { defineStrategy, type Strategy } from './strategy.ts';

const info = RESOURCES.find((r) => r.plural === 'secrets' && r.group === '')!;

export const secretStrategy: Strategy = defineStrategy(info);
