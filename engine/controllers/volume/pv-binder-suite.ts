/**
 * The part cases of `volume.binder`: grader/tests/volume-binder.ts runs them against the
 * learner's part, the self-check against the reference, the stub and the mutants, and
 * pv-binder.test.ts against the reference. Each case throws on failure. Inputs are frozen, as
 * the PV controller's informer cache hands them out.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { deepFreeze } from '../../util/deep-freeze.ts';
import type { FindBestMatch } from './pv-binder.ts';

export interface BinderCase {
  name: string;
  run(findBestMatch: FindBestMatch): void;
}

type Mode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

interface PvOpts {
  modes?: Mode[];
  cls?: string;
  phase?: string;
  claimRef?: corev1.ObjectReference;
  labels?: Record<string, string>;
  volumeMode?: string;
  deleting?: boolean;
}

export function pv(name: string, storage: string, o: PvOpts = {}): corev1.PersistentVolume {
  const spec: corev1.PersistentVolumeSpec = { capacity: { storage }, accessModes: o.modes ?? ['ReadWriteOnce'], hostPath: { path: `/mnt/${name}` }, persistentVolumeReclaimPolicy: 'Retain' };
  if (o.cls !== undefined) spec.storageClassName = o.cls;
  if (o.claimRef) spec.claimRef = o.claimRef;
  if (o.volumeMode) spec.volumeMode = o.volumeMode;
  const metadata: corev1.PersistentVolume['metadata'] = { name, uid: `uid-${name}`, ...(o.labels ? { labels: o.labels } : {}), ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) };
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata, spec, status: { phase: o.phase ?? 'Available' } };
}

interface PvcOpts {
  modes?: Mode[];
  cls?: string;
  selector?: corev1.PersistentVolumeClaimSpec['selector'];
  volumeMode?: string;
}

export function pvc(name: string, storage: string, o: PvcOpts = {}): corev1.PersistentVolumeClaim {
  const spec: corev1.PersistentVolumeClaimSpec = { accessModes: o.modes ?? ['ReadWriteOnce'], resources: { requests: { storage } } };
  if (o.cls !== undefined) spec.storageClassName = o.cls;
  if (o.selector) spec.selector = o.selector;
  if (o.volumeMode) spec.volumeMode = o.volumeMode;
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec, status: { phase: 'Pending' } };
}

/** Runs the part on frozen inputs; returns the chosen volume's name (undefined: none). */
function pick(find: FindBestMatch, claim: corev1.PersistentVolumeClaim, volumes: corev1.PersistentVolume[]): string | undefined {
  return find(deepFreeze(claim), deepFreeze(volumes))?.metadata?.name;
}

export const binderCases: readonly BinderCase[] = [
  {
    name: 'the worked example: the smallest volume that fits class, access modes and size wins (pv-b)',
    run(find) {
      const volumes = [
        pv('pv-a', '10Gi', { cls: '' }),
        pv('pv-b', '2Gi', { cls: '', modes: ['ReadWriteOnce', 'ReadOnlyMany'] }),
        pv('pv-c', '500Mi', { cls: '' }),
        pv('pv-d', '1Gi', { cls: '', modes: ['ReadOnlyMany'] }),
        pv('pv-e', '1Gi', { cls: 'fast' }),
        pv('pv-f', '1Gi', { cls: '', phase: 'Bound', claimRef: { namespace: 'other', name: 'x', uid: 'u9' } }),
      ];
      expect(pick(find, pvc('data', '1Gi', { cls: '' }), volumes)).toBe('pv-b');
    },
  },
  {
    name: 'no volume at all, or none big enough: no match',
    run(find) {
      expect(pick(find, pvc('data', '1Gi'), [])).toBeUndefined();
      expect(pick(find, pvc('data', '1Gi'), [pv('small', '500Mi'), pv('tiny', '1M')])).toBeUndefined();
    },
  },
  {
    name: 'among fitting volumes of 5Gi, 20Gi, 3Gi and 8Gi a 2Gi claim takes the 3Gi one, wherever it is in the list',
    run(find) {
      const volumes = [pv('v1', '5Gi'), pv('v2', '20Gi'), pv('v3', '3Gi'), pv('v4', '8Gi')];
      expect(pick(find, pvc('data', '2Gi'), volumes)).toBe('v3');
      expect(pick(find, pvc('data', '2Gi'), [...volumes].reverse())).toBe('v3');
    },
  },
  {
    name: 'capacity compares quantities, not strings: 1024Mi holds a 1Gi claim, 1G (10^9 bytes) does not',
    run(find) {
      expect(pick(find, pvc('data', '1Gi'), [pv('dec', '1G'), pv('bin', '1024Mi')])).toBe('bin');
      expect(pick(find, pvc('data', '1Gi'), [pv('dec', '1G')])).toBeUndefined();
      expect(pick(find, pvc('data', '900Mi'), [pv('big', '2Gi'), pv('dec', '1G')])).toBe('dec');
    },
  },
  {
    name: "a volume must offer every access mode the claim asks for (a superset is fine)",
    run(find) {
      const claim = pvc('data', '1Gi', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] });
      expect(pick(find, claim, [pv('rwo', '1Gi', { modes: ['ReadWriteOnce'] }), pv('rox', '1Gi', { modes: ['ReadOnlyMany'] })])).toBeUndefined();
      expect(pick(find, claim, [pv('rwo', '1Gi', { modes: ['ReadWriteOnce'] }), pv('all', '5Gi', { modes: ['ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce'] })])).toBe('all');
      expect(pick(find, pvc('shared', '1Gi', { modes: ['ReadWriteMany'] }), [pv('rwo', '1Gi')])).toBeUndefined();
    },
  },
  {
    name: 'storage classes must be equal; an unset class and "" both mean no class',
    run(find) {
      expect(pick(find, pvc('data', '1Gi', { cls: 'fast' }), [pv('none', '1Gi'), pv('slow', '1Gi', { cls: 'slow' })])).toBeUndefined();
      expect(pick(find, pvc('data', '1Gi', { cls: 'fast' }), [pv('none', '1Gi'), pv('fast', '10Gi', { cls: 'fast' })])).toBe('fast');
      expect(pick(find, pvc('data', '1Gi'), [pv('std', '1Gi', { cls: 'standard' }), pv('empty', '10Gi', { cls: '' })])).toBe('empty');
      expect(pick(find, pvc('data', '1Gi', { cls: '' }), [pv('unset', '2Gi'), pv('std', '1Gi', { cls: 'standard' })])).toBe('unset');
    },
  },
  {
    name: 'volume modes must be equal; an unset volumeMode is Filesystem',
    run(find) {
      expect(pick(find, pvc('raw', '1Gi', { volumeMode: 'Block' }), [pv('fs', '1Gi'), pv('fs2', '1Gi', { volumeMode: 'Filesystem' })])).toBeUndefined();
      expect(pick(find, pvc('raw', '1Gi', { volumeMode: 'Block' }), [pv('fs', '1Gi'), pv('blk', '4Gi', { volumeMode: 'Block' })])).toBe('blk');
      expect(pick(find, pvc('files', '1Gi'), [pv('blk', '1Gi', { volumeMode: 'Block' }), pv('fs', '4Gi', { volumeMode: 'Filesystem' })])).toBe('fs');
    },
  },
  {
    name: 'only free volumes: Bound, Released, Failed or reserved for another claim are not on offer',
    run(find) {
      const volumes = [
        pv('bound', '1Gi', { phase: 'Bound', claimRef: { namespace: 'default', name: 'other', uid: 'u2' } }),
        pv('released', '1Gi', { phase: 'Released', claimRef: { namespace: 'default', name: 'gone', uid: 'u3' } }),
        pv('failed', '1Gi', { phase: 'Failed' }),
        pv('reserved', '1Gi', { claimRef: { namespace: 'default', name: 'someone-else' } }),
      ];
      expect(pick(find, pvc('data', '1Gi'), volumes)).toBeUndefined();
      expect(pick(find, pvc('data', '1Gi'), [...volumes, pv('free', '3Gi')])).toBe('free');
    },
  },
  {
    name: 'a volume pre-bound to this claim (claimRef namespace/name) wins over a smaller free one, even if not Available or of another class',
    run(find) {
      const mine = pv('mine', '10Gi', { phase: 'Pending', cls: 'manual', claimRef: { namespace: 'default', name: 'data' } });
      expect(pick(find, pvc('data', '1Gi'), [pv('small', '1Gi'), mine])).toBe('mine');
      // …but only if big enough, and only for the claim it names (same namespace, same uid if given).
      expect(pick(find, pvc('data', '20Gi'), [mine])).toBeUndefined();
      const otherNs = pv('theirs', '10Gi', { claimRef: { namespace: 'prod', name: 'data' } });
      expect(pick(find, pvc('data', '1Gi'), [otherNs])).toBeUndefined();
      const oldUid = pv('old', '10Gi', { phase: 'Released', claimRef: { namespace: 'default', name: 'data', uid: 'an-earlier-claim' } });
      expect(pick(find, pvc('data', '1Gi'), [oldUid])).toBeUndefined();
      const sameUid = pv('same', '10Gi', { phase: 'Bound', claimRef: { namespace: 'default', name: 'data', uid: 'uid-data' } });
      expect(pick(find, pvc('data', '1Gi'), [pv('small', '1Gi'), sameUid])).toBe('same');
    },
  },
  {
    name: "a claim's selector must match the volume's labels",
    run(find) {
      const volumes = [pv('any', '1Gi'), pv('ssd', '5Gi', { labels: { disk: 'ssd', zone: 'a' } }), pv('hdd', '2Gi', { labels: { disk: 'hdd' } })];
      expect(pick(find, pvc('data', '1Gi', { selector: { matchLabels: { disk: 'ssd' } } }), volumes)).toBe('ssd');
      expect(pick(find, pvc('data', '1Gi', { selector: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd', 'ssd'] }] } }), volumes)).toBe('hdd');
      expect(pick(find, pvc('data', '1Gi', { selector: { matchLabels: { disk: 'nvme' } } }), volumes)).toBeUndefined();
    },
  },
  {
    name: 'a volume being deleted is never chosen, not even when pre-bound',
    run(find) {
      expect(pick(find, pvc('data', '1Gi'), [pv('going', '1Gi', { deleting: true }), pv('stays', '2Gi')])).toBe('stays');
      expect(pick(find, pvc('data', '1Gi'), [pv('going', '1Gi', { deleting: true, claimRef: { namespace: 'default', name: 'data' } })])).toBeUndefined();
    },
  },
  {
    name: 'equal sizes: the first in the list wins',
    run(find) {
      expect(pick(find, pvc('data', '1Gi'), [pv('a', '2Gi'), pv('b', '2Gi'), pv('c', '2048Mi')])).toBe('a');
    },
  },
];
