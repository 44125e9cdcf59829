/**
 * The architecture's rules (docs/architecture.md), checked on the source text so that a change
 * that breaks them fails here rather than in review:
 *  - dependencies point downwards: a layer imports only from its own or lower layers;
 *  - engine/ is isomorphic: only engine/node/ imports node:* modules;
 *  - time and randomness are injected: only engine/util/clock.ts and random.ts touch the host's;
 *  - parts are injected: only engine/cluster/default-parts.ts imports solutions/, nothing in
 *    engine/ imports exercises/.
 * Test files are exempt: tests build whole clusters. So are test helpers (`testing.ts`, `testing/`)
 * for the layering rule only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Lower number = lower layer. Components (scheduler, controllers, kubelet, ...) sit between client and cluster. */
const LAYERS: Record<string, number> = {
  util: 0,
  api: 1,
  store: 1,
  apiserver: 2,
  client: 3,
  scheduler: 4,
  controllers: 4,
  kubelet: 4,
  runtime: 4,
  proxy: 4,
  dns: 4,
  ingress: 4,
  cluster: 5,
  node: 6,
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const engineFiles = sourceFiles(join(root, 'engine')).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));

function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) out.push(m[1] as string);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1] as string);
  return out;
}

/** Source text without comments, so that doc comments may mention Date.now. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const layerOf = (path: string) => path.split('/')[1] as string;

describe('architecture', () => {
  it('knows the layer of every folder of engine/', () => {
    const unknown = [...new Set(engineFiles.map((f) => layerOf(f.path)))].filter((l) => !l.endsWith('.ts') && !(l in LAYERS));
    expect(unknown).toEqual([]);
  });

  it('has engine layers import only from their own or lower layers', () => {
    const violations: string[] = [];
    const isTestHelper = (p: string) => /(^|\/)testing(\.ts$|\/)/.test(p);
    for (const f of engineFiles.filter((x) => !isTestHelper(x.path))) {
      const from = layerOf(f.path);
      for (const spec of imports(f.text)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(root, dirname(f.path), spec));
        if (!target.startsWith('engine/')) continue;
        const to = layerOf(target);
        if ((LAYERS[to] ?? 99) > (LAYERS[from] ?? -1)) violations.push(`${f.path} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps node:* imports inside engine/node/', () => {
    const violations = engineFiles.filter((f) => !f.path.startsWith('engine/node/') && imports(f.text).some((s) => s.startsWith('node:'))).map((f) => f.path);
    expect(violations).toEqual([]);
  });

  it("uses no Node.js globals outside engine/node/: the engine also runs in the browser (the site's playground)", () => {
    const banned = /(?<![.\w])(Buffer|process|require|__dirname|__filename|global)\b(?!\s*\??:)/;
    const withoutStrings = (text: string) => code(text).replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""');
    const violations = engineFiles
      .filter((f) => !f.path.startsWith('engine/node/') && !/(^|\/)testing(\.ts$|\/)/.test(f.path))
      .map((f) => ({ path: f.path, hit: banned.exec(withoutStrings(f.text))?.[0] }))
      .filter((v) => v.hit)
      .map((v) => `${v.path}: ${v.hit}`);
    expect(violations).toEqual([]);
  });

  it('reads time and randomness only through engine/util/clock.ts and random.ts', () => {
    const banned = /\bDate\.now\(|\bMath\.random\(|\bperformance\.now\(|new Date\(\s*\)|(?<![.\w])(setTimeout|setInterval|setImmediate)\(/;
    const violations = engineFiles
      .filter((f) => f.path !== 'engine/util/clock.ts' && f.path !== 'engine/util/random.ts')
      .filter((f) => banned.test(code(f.text)))
      .map((f) => f.path);
    expect(violations).toEqual([]);
  });

  it('injects parts: only engine/cluster/default-parts.ts imports solutions/, nothing imports exercises/', () => {
    const violations: string[] = [];
    for (const f of engineFiles) {
      for (const spec of imports(f.text)) {
        const target = relative(root, resolve(root, dirname(f.path), spec));
        if (target.startsWith('exercises/')) violations.push(`${f.path} imports ${target}`);
        if (target.startsWith('solutions/') && f.path !== 'engine/cluster/default-parts.ts') violations.push(`${f.path} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
