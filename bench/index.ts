/**
 * `npm run bench`: runs every benchmark in this folder and prints its figures. Benchmarks print;
 * they never assert — speed targets are read by people, not by tests.
 * `npm run bench -- store` runs only the benchmarks whose file name contains "store".
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

console.log(`tinykube bench — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
for (const f of files) {
  const mod = (await import(join(here, f))) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${f.replace(/\.ts$/, '')}`);
  const t0 = performance.now();
  await mod.run();
  console.log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
