/**
 * The site's theme: VitePress's default theme plus the course's components, registered globally
 * so every page can use them without an import (see docs/CONTRIBUTING-DOCS.md).
 */
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import ChapterExercises from './components/ChapterExercises.vue';
import CourseMap from './components/CourseMap.vue';
import Hints from './components/Hints.vue';
import MermaidDiagram from './components/MermaidDiagram.vue';
import PartsTable from './components/PartsTable.vue';
import { defineAsyncComponent } from 'vue';
import SolutionLink from './components/SolutionLink.vue';
import SourceLink from './components/SourceLink.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('ChapterExercises', ChapterExercises);
    app.component('CourseMap', CourseMap);
    app.component('Hints', Hints);
    app.component('MermaidDiagram', MermaidDiagram);
    app.component('PartsTable', PartsTable);
    // Async: the playground's code (and, from it, the engine) loads only on pages that use it.
    app.component('Playground', defineAsyncComponent(() => import('./components/playground/Playground.vue')));
    app.component('PlaygroundEmbed', defineAsyncComponent(() => import('./components/playground/PlaygroundEmbed.vue')));
    app.component('SolutionLink', SolutionLink);
    app.component('SourceLink', SourceLink);
  },
} satisfies Theme;
