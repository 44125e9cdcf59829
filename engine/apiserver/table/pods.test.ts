import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { findResource } from '../../api/resources.ts';
import { podStatusSummary } from './pods.ts';
import { toTable } from './table.ts';

const NOW = Date.parse('2024-01-01T01:00:00Z');
const CREATED = '2024-01-01T00:55:00Z';
const podsInfo = findResource('', 'v1', 'pods')!;

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: CREATED, ...meta },
    spec: { containers: [{ name: 'a', image: 'x' }], ...spec },
    status,
  };
}
const running = (name = 'a', ready = true, restartCount = 0) => ({ name, ready, restartCount, state: { running: { startedAt: CREATED } } });
const reason = (p: KubeObject) => podStatusSummary(p).reason;

describe('pod STATUS as kubectl shows it (printers.go printPod)', () => {
  it('Running with every container ready', () => {
    expect(podStatusSummary(pod({ phase: 'Running', containerStatuses: [running()] }))).toMatchObject({ ready: 1, total: 1, reason: 'Running' });
  });
  it('Pending before any status', () => {
    expect(reason(pod({ phase: 'Pending' }))).toBe('Pending');
  });
  it("a waiting container's reason: ContainerCreating, CrashLoopBackOff, ErrImagePull", () => {
    for (const r of ['ContainerCreating', 'CrashLoopBackOff', 'ErrImagePull']) {
      expect(reason(pod({ phase: 'Pending', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: r } } }] }))).toBe(r);
    }
  });
  it("a terminated container's reason (Completed, Error, OOMKilled) or its exit code or signal", () => {
    const term = (t: Record<string, unknown>) => pod({ phase: 'Running', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: t } }] });
    expect(reason(term({ reason: 'Completed', exitCode: 0 }))).toBe('Completed');
    expect(reason(term({ reason: 'OOMKilled', exitCode: 137 }))).toBe('OOMKilled');
    expect(reason(term({ exitCode: 3 }))).toBe('ExitCode:3');
    expect(reason(term({ exitCode: 0, signal: 9 }))).toBe('Signal:9');
  });
  it('the first container wins when several report a reason', () => {
    const p = pod({ phase: 'Running', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } } }, { name: 'b', state: { terminated: { reason: 'Error', exitCode: 1 } } }] }, { containers: [{ name: 'a' }, { name: 'b' }] });
    expect(podStatusSummary(p)).toMatchObject({ reason: 'CrashLoopBackOff', ready: 0, total: 2 });
  });
  it('Init:N/M while init containers run, Init:<reason> when one fails', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    const done = { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(reason(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { running: {} } }, { name: 'i2', state: { waiting: { reason: 'PodInitializing' } } }] }, spec))).toBe('Init:0/2');
    expect(reason(pod({ phase: 'Pending', initContainerStatuses: [done, { name: 'i2', state: { running: {} } }] }, spec))).toBe('Init:1/2');
    expect(reason(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, spec))).toBe('Init:Error');
    expect(reason(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, spec))).toBe('Init:CrashLoopBackOff');
  });
  it('counts a started sidecar init container (restartPolicy Always) as a container', () => {
    const p = pod({ phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }], initContainerStatuses: [{ name: 's', started: true, ready: true, restartCount: 0, state: { running: {} } }], containerStatuses: [running()] }, { initContainers: [{ name: 's', restartPolicy: 'Always' }] });
    expect(podStatusSummary(p)).toMatchObject({ ready: 2, total: 2, reason: 'Running' });
  });
  it('Terminating once deleted, unless the phase is terminal', () => {
    expect(reason(pod({ phase: 'Running', containerStatuses: [running()] }, {}, { deletionTimestamp: CREATED }))).toBe('Terminating');
    expect(reason(pod({ phase: 'Succeeded' }, {}, { deletionTimestamp: CREATED }))).toBe('Succeeded');
  });
  it('status.reason (Evicted) replaces the phase', () => {
    expect(reason(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
  });
  it('Completed with a container still running and ready says Running (or NotReady without the Ready condition)', () => {
    const st = (conditions: unknown[]) => ({ phase: 'Running', conditions, containerStatuses: [{ name: 'a', state: { terminated: { reason: 'Completed', exitCode: 0 } } }, running('b')] });
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    expect(reason(pod(st([{ type: 'Ready', status: 'True' }]), spec))).toBe('Running');
    expect(reason(pod(st([]), spec))).toBe('NotReady');
  });
});

describe('pod Table rows', () => {
  it('has NAME READY STATUS RESTARTS AGE, then the wide IP NODE NOMINATED NODE READINESS GATES', () => {
    const t = toTable(podsInfo, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
  });
  it('prints restarts with the age of the last one, and <none> for missing wide cells', () => {
    const p = pod({ phase: 'Running', containerStatuses: [{ ...running(), restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:58:00Z' } } }] });
    expect(toTable(podsInfo, [p], { now: NOW }).rows[0]?.cells).toEqual(['p', '1/1', 'Running', '4 (2m ago)', '5m', '<none>', '<none>', '<none>', '<none>']);
  });
  it('prints the pod IP, node and readiness gates', () => {
    const p = pod({ phase: 'Running', podIPs: [{ ip: '10.0.0.5' }], conditions: [{ type: 'example.com/gate', status: 'True' }], containerStatuses: [running()] }, { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/gate' }, { conditionType: 'other' }] });
    expect(toTable(podsInfo, [p], { now: NOW }).rows[0]?.cells.slice(5)).toEqual(['10.0.0.5', 'node-1', '<none>', '1/2']);
  });
  it('marks finished pods with a Completed row condition', () => {
    expect(toTable(podsInfo, [pod({ phase: 'Succeeded' })], { now: NOW }).rows[0]?.conditions).toEqual([expect.objectContaining({ type: 'Completed', status: 'True' })]);
  });
});
