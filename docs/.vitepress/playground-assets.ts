/**
 * What the playground's preview iframe loads, served by the site itself so the playground works
 * offline (see ../shared/TOOLCHAIN.md: @vue/repl fetches Vue and es-module-shims from a CDN by
 * default, and its preview is a srcdoc iframe that resolves bare imports through an import map):
 *
 *   /playground-runtime/vue.runtime.esm-browser.js        Vue for the previewed dashboard (dev build)
 *   /playground-runtime/vue.runtime.esm-browser.prod.js    … production build
 *   /playground-runtime/server-renderer.esm-browser.js     needed by the import map @vue/repl writes
 *   /playground-runtime/es-module-shims.js                 the import-map polyfill @vue/repl injects
 *   /playground-runtime/tinykube.js                        the engine in the browser (PLAYGROUND_ENGINE_ENTRY)
 *
 * In `vitepress dev` a middleware answers these URLs (the engine through Vite's own transform, so
 * edits to engine/ reload); in `vitepress build` they are emitted into the site: the four files as
 * copies, the engine as a chunk of the client build with a fixed name, so it shares the site's
 * hashed chunks (yaml, mermaid) instead of carrying a second copy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The module the iframe imports as `tinykube-playground`. */
export const PLAYGROUND_ENGINE_ENTRY = join(here, 'theme/components/playground/sandbox/engine-entry.ts');
/** Not 'playground': a folder of that name next to playground.html would shadow the page on some hosts. */
export const PLAYGROUND_DIR = 'playground-runtime';

/** Site path → the file copied there from node_modules. */
function copiedFiles(): Record<string, string> {
  const vueDist = dirname(require.resolve('vue/package.json')) + '/dist';
  const rendererDist = dirname(require.resolve('@vue/server-renderer/package.json')) + '/dist';
  return {
    'vue.runtime.esm-browser.js': join(vueDist, 'vue.runtime.esm-browser.js'),
    'vue.runtime.esm-browser.prod.js': join(vueDist, 'vue.runtime.esm-browser.prod.js'),
    'server-renderer.esm-browser.js': join(rendererDist, 'server-renderer.esm-browser.js'),
    // The package exports its main file only (no ./package.json): dist/es-module-shims.js.
    'es-module-shims.js': require.resolve('es-module-shims'),
  };
}

export function playgroundAssets(): Plugin {
  let config: ResolvedConfig | undefined;
  const files = copiedFiles();
  return {
    name: 'tinykube-playground-assets',
    configResolved(c) {
      config = c;
    },
    configureServer(server) {
      const prefix = `${server.config.base.replace(/\/$/, '')}/${PLAYGROUND_DIR}/`;
      server.middlewares.use(async (req, res, next) => {
        const url = (req.url ?? '').split('?')[0]!;
        if (!url.startsWith(prefix)) return next();
        const name = url.slice(prefix.length);
        try {
          let code: string | undefined;
          if (name === 'tinykube.js') code = (await server.transformRequest(`/@fs${PLAYGROUND_ENGINE_ENTRY}`))?.code;
          else if (files[name]) code = readFileSync(files[name]!, 'utf8');
          if (code === undefined) return next();
          res.setHeader('Content-Type', 'text/javascript');
          res.end(code);
        } catch (err) {
          next(err);
        }
      });
    },
    buildStart() {
      if (config?.command !== 'build' || config.build.ssr) return;
      for (const [name, path] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName: `${PLAYGROUND_DIR}/${name}`, source: readFileSync(path, 'utf8') });
      }
      this.emitFile({ type: 'chunk', id: PLAYGROUND_ENGINE_ENTRY, fileName: `${PLAYGROUND_DIR}/tinykube.js`, preserveSignature: 'strict' });
    },
  };
}
