/**
 * The course website in a real browser (issue 7): builds the VitePress site (dead-link check on),
 * serves it on loopback, and drives Debian's chromium with playwright-core. Checks what a learner
 * sees: every chapter of course.yaml renders with each of its mermaid diagrams drawn as SVG, the
 * sidebar lists every chapter and exercise, an exercise page reveals hints one at a time and warns
 * before the solution, the playground runs a Deployment's pods to Running — and no request ever
 * leaves loopback. Screenshots of the home page, a chapter, an exercise page and the playground
 * are kept in test-results/docs/ as artifacts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse, repoRoot } from '../../grader/course.ts';
import { serveStatic } from './static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(repoRoot, 'test-results', 'docs');
const course = loadCourse();
const exercises = course.chapters.flatMap((c) => c.exercises);

let outDir: string;
let site: { url: string; close(): Promise<void> };
let browser: Browser;
/** Every request the browser made that did not go to 127.0.0.1, over the whole file. */
const external: string[] = [];
const pageErrors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.hostname !== '127.0.0.1') external.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${String(e)}`));
  await page.goto(site.url + path, { waitUntil: 'networkidle' });
  return page;
}

function mermaidFences(markdownFile: string): number {
  return readFileSync(join(repoRoot, 'docs', markdownFile), 'utf8').split('\n').filter((l) => l.trim() === '```mermaid').length;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  outDir = mkdtempSync(join(tmpdir(), 'tinykube-site-'));
  // A dead link, a broken page or a bad import fails the build, and with it this file.
  await promisify(execFile)(join(repoRoot, 'node_modules/.bin/vitepress'), ['build', 'docs', '--outDir', outDir], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  site = await serveStatic(outDir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the course website', () => {
  it('the home page shows the course map with every chapter of course.yaml', async () => {
    const page = await open('/');
    const text = await page.locator('.VPContent').innerText();
    for (const c of course.chapters) expect(text, `home page mentions chapter "${c.title}"`).toContain(c.title);
    await page.screenshot({ path: join(ARTIFACTS, 'home.png') });
    await page.close();
  }, 60_000);

  it('the sidebar lists every chapter and every exercise, in course order', async () => {
    const page = await open(`/chapters/${course.chapters[0]!.id}`);
    const hrefs = await page.locator('.VPSidebar a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const expected = course.chapters.flatMap((c) => [c.doc, ...c.exercises.map((e) => `/exercises/${e.id}`)]);
    expect(hrefs.filter((h) => expected.includes(h)), 'course links in the sidebar').toEqual(expected);
    await page.close();
  }, 60_000);

  it('every chapter and guide page renders, with each of its mermaid diagrams drawn as an SVG', async () => {
    const pagesIn = (dir: string) => readdirSync(join(repoRoot, 'docs', dir)).filter((f) => f.endsWith('.md')).map((f) => `/${dir}/${f.slice(0, -3)}`);
    const paths = [...pagesIn('chapters'), ...pagesIn('guide')];
    for (const c of course.chapters) expect(paths, `course.yaml's chapter ${c.id} has its page`).toContain(c.doc);
    for (const path of paths) {
      const page = await open(path);
      await expect(page.locator('h1').first().innerText(), `${path} has a title`).resolves.not.toBe('');
      const diagrams = mermaidFences(`${path.slice(1)}.md`);
      // Each diagram ends as an SVG or as the source with an error line: wait for all of them.
      await page.waitForFunction((n) => document.querySelectorAll('.tk-mermaid-svg svg, .tk-mermaid .tk-warning').length >= n, diagrams, { timeout: 30_000 });
      expect(await page.locator('.tk-mermaid .tk-warning').allInnerTexts(), `${path}: diagram errors`).toEqual([]);
      expect(await page.locator('.tk-mermaid-svg svg').count(), `${path}: diagrams drawn`).toBe(diagrams);
      if (path.startsWith('/chapters/')) {
        // Each chapter embeds the playground with a preset of its own (docs/playground/presets/).
        const embed = page.getByTestId('pg-embed');
        await expect(embed.getByRole('button', { name: 'Run it here' }).count(), `${path}: a playground with a known preset`).resolves.toBe(1);
      }
      if (path === '/chapters/kubelet') await page.screenshot({ path: join(ARTIFACTS, 'chapter-kubelet.png'), fullPage: true });
      await page.close();
    }
  }, 240_000);

  it('an exercise page reveals its hints one at a time and warns before linking the solution', async () => {
    const ex = exercises.find((e) => e.hints.length >= 2)!;
    const page = await open(`/exercises/${ex.id}`);
    expect(await page.locator('.tk-hint').count(), 'hints shown before asking').toBe(0);
    await page.getByRole('button', { name: /Show hint 1 of/ }).click();
    expect(await page.locator('.tk-hint').allInnerTexts(), 'after one click').toEqual([ex.hints[0]]);
    await page.getByRole('button', { name: /Show the reference solution/ }).click();
    expect(await page.locator('.tk-solution a[href*="solutions/"]').count(), 'solution link before confirming').toBe(0);
    await page.getByRole('button', { name: /Yes, show me the solution/ }).click();
    expect(await page.locator('.tk-solution a').first().getAttribute('href')).toContain(ex.solution);
    await page.screenshot({ path: join(ARTIFACTS, `exercise-${ex.id}.png`), fullPage: true });
    await page.close();
  }, 60_000);

  it('every exercise of course.yaml has a page with its title and its grading command', async () => {
    const page = await browser.newPage();
    for (const ex of exercises) {
      await page.goto(`${site.url}/exercises/${ex.id}`, { waitUntil: 'domcontentloaded' });
      const text = await page.locator('.VPContent').innerText();
      expect(text, `/exercises/${ex.id}`).toContain(ex.title);
      expect(text, `/exercises/${ex.id}`).toContain(`npm run grade -- ${ex.id}`);
    }
    await page.close();
  }, 120_000);

  it('the playground (@vue/repl) applies the nginx Deployment preset and shows its pods Running', async () => {
    const page = await open('/playground?preset=nginx');
    await page.getByTestId('pg-status').filter({ hasText: 'cluster running' }).waitFor({ timeout: 60_000 });
    // The editor is @vue/repl's: the manifests, the dashboard component and the import map are its files.
    await expect(page.locator('.file-selector .file').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['manifests.yaml', 'Cluster.vue']));
    // manifests.yaml is highlighted as YAML (comments, keys), not as JavaScript.
    await expect.poll(() => page.locator('.CodeMirror .cm-comment').count()).toBeGreaterThan(0);
    await expect(page.locator('.CodeMirror .cm-property').count()).resolves.toBeGreaterThan(0);
    await page.getByTestId('pg-apply').click();
    await expect.poll(() => page.getByTestId('pg-result').innerText(), { timeout: 30_000 }).toContain('deployment.apps/nginx created');
    const preview = page.frameLocator('.iframe-container iframe');
    const running = preview.locator('.pods tbody tr').filter({ has: preview.locator('td.name', { hasText: /^nginx-/ }) }).filter({ has: preview.locator('td.status', { hasText: /^Running$/ }) });
    await expect.poll(() => running.count(), { timeout: 60_000, interval: 500 }).toBe(3);
    await expect(preview.locator('table').first().locator('tbody tr').count(), 'nodes shown').resolves.toBe(3);
    await preview.locator('[data-testid=trace] svg').waitFor({ timeout: 30_000 });
    // A click on a pod shows `kubectl logs` of it: nginx's start-up lines.
    await running.first().locator('td.name').click();
    await expect.poll(() => preview.getByTestId('pod-logs').innerText(), { timeout: 30_000 }).toContain('start worker process');
    // Applying the same manifests again is a three-way merge with nothing to change.
    await page.getByTestId('pg-apply').click();
    await expect.poll(() => page.getByTestId('pg-result').innerText(), { timeout: 30_000 }).toContain('deployment.apps/nginx unchanged');
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true });
    // Deleting a pod from the dashboard: the ReplicaSet makes a new one.
    const names = async () => (await running.locator('td.name').allInnerTexts()).sort();
    const before = await names();
    await running.first().getByRole('button', { name: 'delete' }).click();
    await expect.poll(async () => (await names()).filter((n) => !before.includes(n)).length, { timeout: 60_000, interval: 500 }).toBe(1);
    await expect.poll(() => running.count(), { timeout: 60_000, interval: 500 }).toBe(3);
    // Stopping node-3's machine: its kubelet stops posting status, and the node controller marks it NotReady.
    const node3 = preview.locator('.nodes tbody tr').filter({ hasText: 'node-3' });
    await node3.getByRole('button', { name: 'stop' }).click();
    await expect.poll(() => node3.locator('td.status').innerText(), { timeout: 60_000, interval: 500 }).toBe('NotReady');
    // Back up: its kubelet registers again (a pod on a stopped node could never finish terminating).
    await node3.getByRole('button', { name: 'start' }).click();
    await expect.poll(() => node3.locator('td.status').innerText(), { timeout: 60_000, interval: 500 }).toBe('Ready');
    // Delete is `kubectl delete -f`: the Deployment goes, and the garbage collector takes its pods.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByTestId('pg-result').innerText(), { timeout: 30_000 }).toContain('deployment.apps "nginx" deleted');
    const nginxPods = preview.locator('.pods tbody tr').filter({ has: preview.locator('td.name', { hasText: /^nginx-/ }) });
    await expect.poll(() => nginxPods.count(), { timeout: 60_000, interval: 500 }).toBe(0);
    // Another preset starts from a new cluster: its names may clash with the last one's.
    await page.getByLabel('Preset').selectOption('job');
    await expect.poll(() => page.getByTestId('pg-result').innerText(), { timeout: 30_000 }).toContain('cluster reset');
    await page.close();
  }, 120_000);

  it("the scheduler chapter's playground runs the cluster with the learner's scheduler.score", async () => {
    const page = await open('/chapters/scheduler');
    const embed = page.getByTestId('pg-embed');
    await embed.getByRole('button', { name: 'Run it here' }).click();
    await embed.getByTestId('pg-status').filter({ hasText: 'cluster running' }).waitFor({ timeout: 60_000 });
    await expect(embed.locator('.file-selector .file').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['score.ts']));
    const preview = embed.frameLocator('.iframe-container iframe');
    const webPods = (status: RegExp) => preview.locator('.pods tbody tr').filter({ has: preview.locator('td.name', { hasText: /^web-/ }) }).filter({ has: preview.locator('td.status', { hasText: status }) });
    // At first the reference scheduler.score runs: the chapter's Deployment spreads over the nodes.
    await embed.getByTestId('pg-apply').click();
    await expect.poll(() => webPods(/^Running$/).count(), { timeout: 60_000, interval: 500 }).toBe(3);
    // "Run my code": the exercise's starting file throws, the scheduler reports it and binds none of web's pods.
    await embed.getByTestId('pg-use-mine').check();
    await preview.getByTestId('cluster-info').filter({ hasText: 'Your code changed' }).waitFor({ timeout: 30_000 });
    await embed.getByTestId('pg-apply').click();
    await expect.poll(() => embed.getByTestId('pg-result').innerText(), { timeout: 30_000 }).toContain('cluster restarted with your scheduler.score');
    await preview.locator('.errors').filter({ hasText: 'TODO: normalizeScore' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => webPods(/^Pending$/).count(), { timeout: 30_000 }).toBe(3);
    // The reference solution typed into the editor takes over at the next Apply.
    await embed.locator('.file-selector .file', { hasText: 'score.ts' }).click();
    const solution = readFileSync(join(repoRoot, 'solutions/scheduler/score.ts'), 'utf8');
    await embed.locator('.CodeMirror').evaluate((el, code) => (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(code), solution);
    await preview.getByTestId('cluster-info').filter({ hasText: 'Your code changed' }).waitFor({ timeout: 30_000 });
    await embed.getByTestId('pg-apply').click();
    await expect.poll(() => embed.getByTestId('pg-result').innerText(), { timeout: 30_000 }).toContain('cluster restarted with your scheduler.score');
    await expect.poll(() => webPods(/^Running$/).count(), { timeout: 60_000, interval: 500 }).toBe(3);
    await expect(preview.locator('.errors').count(), 'no component errors after the restart').resolves.toBe(0);
    // An endless loop in the learner's code does not freeze the tab: the loop guard stops it after 1 s.
    const endless = 'export const score = { normalizeScore() { while (true) {} }, weightedSum() { return [] }, selectHost() { return "" } };\n';
    await embed.locator('.CodeMirror').evaluate((el, code) => (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(code), endless);
    await preview.getByTestId('cluster-info').filter({ hasText: 'Your code changed' }).waitFor({ timeout: 30_000 });
    await embed.getByTestId('pg-apply').click();
    await preview.locator('.errors').filter({ hasText: 'scheduler.score: a loop ran for more than 1 s' }).waitFor({ timeout: 60_000 });
    await embed.screenshot({ path: join(ARTIFACTS, 'chapter-playground.png') });
    await page.close();
  }, 180_000);

  it('no request left loopback and no page threw', () => {
    expect(external, 'requests to other hosts').toEqual([]);
    expect(pageErrors, 'uncaught page errors').toEqual([]);
  });
});
