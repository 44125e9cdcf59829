/**
 * One page per exercise of course.yaml (VitePress dynamic route /exercises/<id>). The page's
 * text is built here from course.yaml and the engine's sources at build time: the part's
 * interface is cut from the engine file that declares it, and the whole file and the learner's
 * starting file are snippet imports, so nothing on the page can drift from the code.
 * (Changes to course.yaml show in `docs:dev` after a restart: VitePress 1.6 watches only this
 * file's imports.)
 */
import { allExercises, loadCourse, partInterfaces, type Exercise } from '../.vitepress/course.ts';

function escapeMd(text: string): string {
  // Titles and objectives are plain text: keep `<` from opening HTML and `{{` from being Vue.
  // Code spans (`…`) are left alone: markdown escapes their content itself.
  const html = text
    .split(/(`[^`]*`)/)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))))
    .join('');
  return html.includes('{{') ? `<span v-pre>${html}</span>` : html;
}

function pageContent(): { params: Record<string, unknown>; content: string }[] {
  const course = loadCourse();
  const exercises = allExercises(course);
  const byId = new Map(exercises.map((x) => [x.exercise.id, x.exercise] as const));
  const parts = partInterfaces();
  const unlocks = (id: string): Exercise[] =>
    exercises.map((x) => x.exercise).filter((e) => (e.prerequisites ?? []).includes(id));

  return exercises.map(({ chapter, exercise: e }, index) => {
    const part = parts.get(e.part);
    const chapterNumber = course.chapters.indexOf(chapter) + 1;
    const prereqs = (e.prerequisites ?? []).map((p) => `- [${escapeMd(byId.get(p)?.title ?? p)}](/exercises/${p}) (\`${p}\`)`);
    const next = unlocks(e.id).map((n) => `[${escapeMd(n.title)}](/exercises/${n.id})`);
    const lines: string[] = [
      `# ${escapeMd(e.title)}`,
      '',
      `Exercise ${index + 1} of ${exercises.length} · chapter ${chapterNumber}, ` +
        `[${escapeMd(chapter.title)}](${chapter.doc}) · ` +
        `<span class="tk-badge tk-${e.difficulty}">${e.difficulty}</span> · **${e.points} points** · id \`${e.id}\``,
      '',
      '## Goal',
      '',
      part?.summary
        ? `Write the part \`${e.part}\` — ${escapeMd(part.summary)}`
        : `Write the part \`${e.part}\`.`,
      '',
      `You edit one file, <SourceLink path="${e.learner}" />; the rest of the cluster keeps the reference ` +
        `implementation, so everything else works while you build this piece. ` +
        `What the chapter expects you to be able to do afterwards:`,
      '',
      ...chapter.objectives.map((o) => `- ${escapeMd(o)}`),
      '',
      '## Before you start',
      '',
      ...(prereqs.length
        ? ['Do these exercises first; this one builds on them:', '', ...prereqs]
        : [`No prerequisites: you can start here. Read the chapter [${escapeMd(chapter.title)}](${chapter.doc}) first.`]),
      ...(next.length ? ['', `Passing it unlocks ${next.join(', ')}.`] : []),
      '',
      '## The interface',
      '',
    ];
    if (part) {
      lines.push(
        `The engine calls your code through \`${part.typeName}\`, declared in <SourceLink path="${part.file}" />:`,
        '',
        '```ts',
        part.declaration,
        '```',
        '',
        `::: details The whole file: ${part.file}`,
        `<<< @/../${part.file}`,
        ':::',
        '',
      );
    } else {
      lines.push(`The part \`${e.part}\` is listed in <SourceLink path="engine/cluster/parts.ts" />.`, '');
    }
    lines.push(
      `::: details Your starting file: ${e.learner}`,
      `<<< @/../${e.learner}`,
      ':::',
      '',
      '## Run the tests',
      '',
      '```sh',
      `npm run grade -- ${e.id}     # this exercise only`,
      'npm start                    # watch mode: grades the current exercise on every save',
      '```',
      '',
      `The grader builds a simulated cluster with your \`${e.part}\` and checks it from the outside, ` +
        `through the API, like a user with kubectl would. Each test case may run ${e.timeLimitSeconds} s at most; ` +
        `the ${e.points} points are all or nothing. A failure shows what the test did, what it expected, ` +
        `what happened and the cluster's last events. The cases are in <SourceLink path="${e.test}" />` +
        (e.suite ? ` and <SourceLink path="${e.suite}" />.` : '.') +
        ` See [how grading works](/guide/how-it-works#grading).`,
      '',
    );
    return {
      params: {
        id: e.id,
        title: e.title,
        chapter: chapter.id,
        hints: e.hints,
        solution: e.solution,
        points: e.points,
      },
      content: lines.join('\n'),
    };
  });
}

export default {
  paths: pageContent,
};
