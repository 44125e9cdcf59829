/**
 * The playground's presets (docs/playground/presets/, issue 7 deliverable 4), checked without a
 * browser: each manifest parses, as kubectl reads YAML (1.1, as engine/client/apply does in the
 * playground too), to objects the apiserver knows, and — applied to a 3-node engine cluster like the
 * playground's — produces what its `watch` text promises. For a preset with a `part`, the
 * learner's starting file imports types only (so the browser can run it as is), exports the part,
 * and a cluster running it shows the learner something visibly different from the reference.
 *
 * Time is virtual: each scenario advances the cluster clock second by second until its
 * expectation holds (or its budget of cluster seconds runs out, and the last failure is reported).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, PART_IDS, type Cluster, type Parts } from '../../engine/cluster/index.ts';
import { defaultParts } from '../../engine/cluster/default-parts.ts';
import { findResourceByKind } from '../../engine/api/resources.ts';
import { loadCourse, repoRoot } from '../../grader/course.ts';
import { playgroundPresets, type PlaygroundPreset } from '../../docs/playground/presets/index.ts';
import {
  applyManifest,
  eventually,
  parseManifest,
  runtimeImports,
  scene,
  type Applied,
  type Scene,
} from './presets-harness.ts';

const PRESETS_DIR = join(repoRoot, 'docs', 'playground', 'presets');
const course = loadCourse();
const read = (p: PlaygroundPreset) => readFileSync(join(PRESETS_DIR, p.file), 'utf8');

import { outcomes } from './preset-outcomes.ts';

// ---- the checks --------------------------------------------------------------------------------

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/** A cluster like the playground's (3 nodes, seed 'playground'), with the preset applied. */
async function start(p: PlaygroundPreset, parts: Partial<Parts> = {}): Promise<Scene> {
  cluster = await createCluster({ nodes: 3, seed: 'playground', parts });
  return scene(cluster, await applyManifest(cluster, read(p)));
}

function expectRefused(applied: Applied[], refused: Record<string, string> = {}): void {
  const errors = Object.fromEntries(applied.filter((a) => a.error).map((a) => [a.ref, a.error]));
  expect(Object.keys(errors).sort()).toEqual(Object.keys(refused).sort());
  for (const [ref, fragment] of Object.entries(refused)) expect(errors[ref]).toContain(fragment);
}

const chapterIds = [...course.chapters.map((c) => c.id), 'dns', 'deployment'];

describe('the playground presets index', () => {
  it('has one preset per chapter in course order, then the four general ones, each with its file', () => {
    expect(playgroundPresets.map((p) => p.id)).toEqual([...chapterIds, 'nginx', 'service-wget', 'statefulset-web', 'job']);
    for (const p of playgroundPresets) {
      expect(p.file).toBe(`${p.id}.yaml`);
      expect(p.general ?? false).toBe(!chapterIds.includes(p.id));
      expect(p.watch.length).toBeGreaterThan(20);
      expect(outcomes[p.id], `no outcome for preset ${p.id} in this test`).toBeDefined();
    }
  });

  it('tells a learner file with a runtime import from one with type imports only', () => {
    expect(runtimeImports(readFileSync(join(repoRoot, 'exercises/scheduler/fit.ts'), 'utf8'))).toEqual([
      "import { emptyResource, type Resource } from '../../engine/scheduler/framework/resource.ts'",
    ]);
    expect(runtimeImports("import type {\n  A,\n  B,\n} from './a.ts';\nexport type { C } from './c.ts';")).toEqual([]);
    expect(runtimeImports("import {\n  a,\n} from './a.ts';\nexport * from './b.ts';\nimport './c.ts';\nconst d = await import('./d.ts');")).toHaveLength(4);
  });

  it('offers a part in at least 5 chapters, each an exercise of course.yaml for that part', () => {
    const withPart = playgroundPresets.filter((p) => p.part);
    expect(withPart.length).toBeGreaterThanOrEqual(5);
    for (const p of withPart) {
      const part = p.part!;
      expect(PART_IDS).toContain(part.id);
      const chapter = course.chapters.find((c) => c.id === p.id);
      const exercises = chapter ? chapter.exercises : course.chapters.flatMap((c) => c.exercises);
      expect(exercises.find((e) => e.part === part.id)?.learner, `${p.id}: ${part.id}`).toBe(part.learner);
    }
  });
});

describe.each(playgroundPresets.map((p) => [p.id, p] as const))('preset %s', (_id, preset) => {
  const outcome = outcomes[preset.id]!;

  it('is a multi-document manifest of known kinds, as kubectl reads it (YAML 1.1)', () => {
    const text = read(preset);
    const docs = parseManifest(text);
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      expect(typeof d.apiVersion, JSON.stringify(d).slice(0, 80)).toBe('string');
      expect(typeof d.kind).toBe('string');
      expect(typeof d.metadata?.name).toBe('string');
      expect(findResourceByKind(d.apiVersion!, d.kind!), `${d.apiVersion} ${d.kind}`).toBeDefined();
    }
  });

  it('shows what its watch text promises', async () => {
    const s = await start(preset);
    expectRefused(s.applied, outcome.refused);
    await eventually(s, outcome);
    if (outcome.then) {
      const applied = await s.apply(outcome.then.edit(read(preset)));
      expectRefused(applied, outcome.then.refused);
      await eventually(s, outcome.then);
    }
  });

  if (preset.part) {
    const part = preset.part;
    it(`takes ${part.id} from ${part.learner}, which imports types only`, async () => {
      expect(runtimeImports(readFileSync(join(repoRoot, part.learner), 'utf8'))).toEqual([]);
      const mod = (await import(join(repoRoot, part.learner))) as Record<string, unknown>;
      expect(typeof mod[part.exportName]).toBe(typeof defaultParts[part.id]);
    });

    it(`with the learner's starting ${part.id}, shows the learner something else`, async () => {
      const mod = (await import(join(repoRoot, part.learner))) as Record<string, unknown>;
      const s = await start(preset, { [part.id]: mod[part.exportName] } as Partial<Parts>);
      const stub = outcome.stub;
      expect(stub, `no stub outcome for ${preset.id}`).toBeDefined();
      expectRefused(s.applied, stub!.refused ?? outcome.refused);
      await eventually(s, stub!);
    });
  }
});
