/**
 * The playground's API trace as a mermaid sequence diagram: each caller is a participant, each
 * write an arrow to the apiserver and its result code back. The trace holds writes only, never
 * object contents (engine/cluster/trace.ts), so nothing secret reaches the diagram.
 */
import type { TraceEntry } from '../../../../../../engine/apiserver/types.ts';

/** Node heartbeats (Lease renewals, node status) flood the trace every few seconds. */
export function isHeartbeat(e: Pick<TraceEntry, 'resource' | 'subresource' | 'group'>): boolean {
  return (e.resource === 'leases' && e.group === 'coordination.k8s.io') || (e.resource === 'nodes' && e.subresource === 'status');
}

/** A mermaid sequenceDiagram of trace entries: each caller → apiserver, with verb, resource and code. */
export function traceDiagram(entries: readonly TraceEntry[]): string {
  const lines = ['sequenceDiagram', '  participant api as kube-apiserver'];
  const ids = new Map<string, string>();
  const actor = (user: string): string => {
    let id = ids.get(user);
    if (!id) {
      id = `u${ids.size}`;
      ids.set(user, id);
      lines.splice(1 + ids.size - 1, 0, `  participant ${id} as ${clean(user)}`);
    }
    return id;
  };
  for (const e of entries) {
    const who = actor(e.user);
    const res = (e.group ? `${e.resource}.${e.group}` : e.resource) + (e.subresource ? `/${e.subresource}` : '');
    const target = e.name ? ` ${e.name}` : '';
    lines.push(`  ${who}->>api: ${clean(`${e.verb} ${res}${target}`)}`);
    lines.push(`  api-->>${who}: ${e.code}`);
  }
  return lines.join('\n');
}

/** Mermaid message text must not contain its own syntax characters. */
function clean(s: string): string {
  return s.replace(/[;:#<>{}]/g, ' ');
}
