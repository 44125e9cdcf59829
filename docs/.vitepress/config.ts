/**
 * The course website's configuration. The sidebar is generated from course.yaml: one group per
 * chapter (its page, then its exercises), so adding a chapter or an exercise there is enough.
 * ```mermaid fences become <MermaidDiagram>, which loads mermaid 11 only on pages that have a
 * diagram (vitepress-plugin-mermaid imports it into every page: +2.2 MB of JavaScript on each).
 * The dead-link check stays on.
 */
import { defineConfig, type DefaultTheme, type MarkdownRenderer } from 'vitepress';
import { loadCourse } from './course.ts';
import { playgroundAssets } from './playground-assets.ts';

/**
 * Where the repository is browsed. Pages link to its files through <SourceLink path="…"/> and
 * <SolutionLink path="…"/>, which build `${repo}/blob/${repoBranch}/${path}`. Change it here only.
 */
const repo = 'https://github.com/tinykube/tinykube';
const repoBranch = 'main';

/** "</>": the link to the repository, drawn here so no page asks another host for an icon. */
const repoIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><title>Source</title><path d="M8 6 2 12l6 6M16 6l6 6-6 6M14 4l-4 16"/></svg>';

const course = loadCourse();

/** Component pages outside course.yaml: they explain a component but have no exercises of their own. */
const moreComponents: { text: string; link: string }[] = [
  { text: 'Cluster DNS', link: '/chapters/dns' },
  { text: 'Deployments and rollouts', link: '/chapters/deployment' },
];

function sidebar(): DefaultTheme.SidebarItem[] {
  return [
    {
      text: 'The course',
      items: [
        { text: 'Course map', link: '/' },
        { text: 'How the course works', link: '/guide/how-it-works' },
        { text: 'Architecture of the engine', link: '/guide/architecture' },
      ],
    },
    ...course.chapters.map((chapter, i) => ({
      text: `${i + 1}. ${chapter.title}`,
      link: chapter.doc,
      collapsed: true,
      items: chapter.exercises.map((exercise) => ({
        text: exercise.title,
        link: `/exercises/${exercise.id}`,
      })),
    })),
    // Pages about components that have no chapter (no exercises) in course.yaml.
    {
      text: 'More components',
      collapsed: true,
      items: moreComponents,
    },
  ];
}

/** Renders ```mermaid fences as <MermaidDiagram code="…"/> (the source URI-encoded). */
function mermaidFences(md: MarkdownRenderer): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (token.info.trim() === 'mermaid') {
      return `<MermaidDiagram code="${encodeURIComponent(token.content)}" />\n`;
    }
    return fence(tokens, idx, options, env, self);
  };
}

export default defineConfig({
  title: 'tinykube',
  description: course.course.title,
  lang: 'en-US',
  cleanUrls: true,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  ignoreDeadLinks: false,
  // Files in docs/ that are not pages of the site.
  srcExclude: ['CONTRIBUTING-DOCS.md', 'architecture.md', '**/README.md'],
  markdown: {
    theme: { light: 'github-light', dark: 'github-dark' },
    config: mermaidFences,
  },
  themeConfig: {
    // Custom keys (read by the SourceLink and SolutionLink components).
    repo,
    repoBranch,
    nav: [
      { text: 'How it works', link: '/guide/how-it-works' },
      { text: 'Architecture', link: '/guide/architecture' },
      { text: 'Chapters', link: course.chapters[0]!.doc },
      { text: 'More components', items: moreComponents },
      { text: 'Playground', link: '/playground' },
    ],
    sidebar: sidebar(),
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    // An inline icon: the named ones ('github') are fetched from api.iconify.design by the dev server.
    socialLinks: [{ icon: { svg: repoIcon }, link: repo, ariaLabel: 'Source repository' }],
    footer: { message: 'tinykube — learn how Kubernetes works inside by building it.' },
  } as DefaultTheme.Config & { repo: string; repoBranch: string },
  vite: {
    // /playground/*: the engine, Vue and es-module-shims for the playground's preview iframe.
    plugins: [playgroundAssets()],
    // The site reads files of the whole repository (course.yaml, engine/) at build time.
    server: { fs: { allow: ['..'] } },
    // Pre-bundled so the dev server does not reload on the first diagram or the first playground
    // (yaml and ajv are the engine's, which the playground's iframe loads through the dev server).
    optimizeDeps: { include: ['mermaid', '@vue/repl', '@vue/repl/codemirror-editor', 'yaml', 'ajv'] },
    // mermaid's own chunks are large but load only with a diagram; text pages stay small.
    build: { chunkSizeWarningLimit: 3000 },
  },
});
