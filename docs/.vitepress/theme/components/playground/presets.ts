/**
 * The playground's presets (docs/playground/presets/: a YAML file per chapter plus index.ts with
 * what to watch and which part the chapter lets the learner edit), and the files they put in the
 * editor. The learner's file for a part is the course's own starting file from exercises/, read at
 * build time, so the playground and `npm start` hand out the same code.
 */
import { playgroundPresets, type PlaygroundPreset } from '../../../../playground/presets/index.ts';

export { playgroundPresets, type PlaygroundPreset };

const yamlFiles = import.meta.glob('../../../../playground/presets/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const exerciseFiles = import.meta.glob('../../../../../exercises/**/*.ts', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export function findPreset(id: string): PlaygroundPreset | undefined {
  return playgroundPresets.find((p) => p.id === id);
}

export function presetYaml(p: PlaygroundPreset | undefined): string {
  if (!p) return '# Write Kubernetes manifests here, then press Apply.\n';
  const text = yamlFiles[`../../../../playground/presets/${p.file}`];
  if (text === undefined) throw new Error(`preset ${p.id}: no file docs/playground/presets/${p.file}`);
  return text;
}

/** The starting code of a part: the course's exercises/ file (e.g. exercises/scheduler/score.ts). */
export async function learnerSource(learner: string): Promise<string> {
  const load = exerciseFiles[`../../../../../${learner}`];
  if (!load) throw new Error(`no exercise file ${learner}`);
  return load();
}

/**
 * parts.js, which the dashboard passes to the engine: the part ids mapped to the editor's code —
 * imported from the loop-guarded build of the learner's file (`guardedFile`), not the file itself.
 */
export function partsModule(p: PlaygroundPreset | undefined, guardedFile: string | undefined, useLearnerCode: boolean): string {
  if (!p?.part || !guardedFile) return '// No part of the engine is replaced in this preset.\nexport default {}\n';
  if (!useLearnerCode) return `// The reference ${p.part.id} runs: tick "run my code" above the editor to use yours.\nexport default {}\n`;
  const file = `./${guardedFile.replace(/^src\//, '')}`;
  return [
    `// The parts of the engine this playground takes from your code (the rest is the reference),`,
    `// from ${file.replace('.guarded.js', '.ts')} with a time limit on each loop (loop-guard.ts).`,
    `import { ${p.part.exportName} } from '${file}'`,
    ``,
    `export default { '${p.part.id}': ${p.part.exportName} }`,
    ``,
  ].join('\n');
}
