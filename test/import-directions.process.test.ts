/**
 * The import-direction check that `npm test` runs (.dependency-cruiser.cjs) must bite: run over a
 * small tree laid out like sweeptop's, each forbidden direction fails it, by its rule's name.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempDir } from './helpers/sweep.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
  write('tsconfig.json', '{"compilerOptions": {"module": "NodeNext", "moduleResolution": "NodeNext", "strict": true}}');
  write('src/plugin-api/index.ts', 'export const api = 1;\n');
  write(
    'src/engine/sweep.ts',
    "import { api } from '../plugin-api/index.js';\nimport '../../plugins/registry.js';\nexport const engine = api;\n",
  );
  write('src/ui/app.ts', "import { engine } from '../engine/sweep.js';\nexport const ui = engine;\n");
  write('src/cli/main.ts', "import '../ui/app.js';\nimport '../engine/sweep.js';\n");
  write('plugins/registry.ts', "import './parsers/kv.js';\n");
  write('plugins/parsers/kv.ts', "import { api } from '../../src/plugin-api/index.js';\nexport const kv = api;\n");
});
afterEach(() => temp.remove());

function write(path: string, text: string): void {
  mkdirSync(dirname(join(temp.path, path)), { recursive: true });
  writeFileSync(join(temp.path, path), text);
}

function check(): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [DEPCRUISE, 'src', 'plugins', '--config', join(ROOT, '.dependency-cruiser.cjs')], {
    cwd: temp.path,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('import directions', () => {
  it('pass for the allowed directions', () => {
    const { status, output } = check();
    expect(output).toMatch(/no dependency violations found/);
    expect(status).toBe(0);
  });

  it.each([
    ['src/engine/bad.ts', "import '../ui/app.js';", 'engine-knows-no-react'],
    ['src/plugin-api/bad.ts', "import '../engine/sweep.js';", 'plugin-api-is-the-floor'],
    ['plugins/parsers/bad.ts', "import '../../src/engine/sweep.js';", 'plugins-use-only-the-plugin-api'],
    ['src/engine/bad.ts', "import '../../plugins/parsers/kv.js';", 'plugins-only-through-the-registry'],
    ['src/ui/bad.ts', "import '../cli/main.js';", 'ui-is-a-client'],
    ['src/engine/a.ts', "import { b } from './b.js';\nexport const a = b;", 'no-cycles'],
  ])('fail for %s importing %s (%s)', (file, line, rule) => {
    write(file, `${line}\n`);
    if (rule === 'no-cycles') write('src/engine/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
    const { status, output } = check();
    expect(status).not.toBe(0);
    expect(output).toContain(`error ${rule}:`);
  });
});
