/**
 * The course site's weight (issue 7's quality bar): the time `vitepress build` takes, and the
 * JavaScript a browser runs to show a page — raw and gzip — for a text page, a chapter (whose
 * diagrams load mermaid), the playground page and a chapter after pressing "Run it here". Sizes
 * are of the files as built (gzip at level 9, as a static host would serve them), counted once per
 * URL; the preview iframe's requests (Vue runtime, the engine) are included.
 * Needs Debian's chromium, like test/docs/site.test.ts.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { repoRoot } from '../grader/course.ts';
import { serveStatic } from '../test/docs/static-server.ts';

const dist = join(repoRoot, 'docs/.vitepress/dist');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function jsSizes(urls: Set<string>, base: string): { raw: number; gzip: number; files: number } {
  let raw = 0;
  let gzip = 0;
  for (const u of urls) {
    const body = readFileSync(join(dist, decodeURIComponent(u.slice(base.length).split('?')[0]!)));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip, files: urls.size };
}

function collect(page: Page, base: string): Set<string> {
  const urls = new Set<string>();
  page.on('request', (r) => {
    // Scripts only: VitePress's <link rel=prefetch> of linked pages (resource type "other") is not a load.
    if (r.resourceType() === 'script' && r.url().startsWith(base)) urls.add(r.url());
  });
  return urls;
}

/** The dashboard polls the cluster every 500 ms, so the page never goes network-idle: give lazy loads a moment. */
const settle = (page: Page) => page.waitForTimeout(3000);

export async function run(): Promise<void> {
  const t0 = performance.now();
  await promisify(execFile)('npx', ['vitepress', 'build', 'docs'], { cwd: repoRoot, maxBuffer: 64 * 2 ** 20 });
  console.log(`vitepress build docs: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const site = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const measure = async (label: string, path: string, then?: (page: Page) => Promise<void>) => {
      const page = await browser.newPage();
      const urls = collect(page, site.url);
      await page.goto(site.url + path, { waitUntil: 'networkidle' });
      await then?.(page);
      const s = jsSizes(urls, site.url);
      console.log(`${label.padEnd(44)} ${kb(s.gzip).padStart(11)} gzip  ${kb(s.raw).padStart(11)} raw  (${s.files} files)`);
      await page.close();
    };
    await measure('home page (/)', '/');
    await measure('text page (/exercises/sched-score)', '/exercises/sched-score');
    await measure('chapter with diagrams (/chapters/etcd)', '/chapters/etcd');
    await measure('playground page, cluster running', '/playground', async (page) => {
      await page.getByTestId('pg-status').filter({ hasText: 'cluster running' }).waitFor({ timeout: 60_000 });
      await settle(page);
    });
    await measure('chapter, then "Run it here" (/chapters/kubelet)', '/chapters/kubelet', async (page) => {
      await page.getByRole('button', { name: 'Run it here' }).click();
      await page.getByTestId('pg-status').filter({ hasText: 'cluster running' }).waitFor({ timeout: 60_000 });
      await settle(page);
    });
  } finally {
    await browser.close();
    await site.close();
  }
}
