/**
 * The built CLI as one file in a world-readable folder, for tests that run it as another user:
 * that user may not be able to read the checkout (a clone in root's home or a `mktemp -d`), so
 * it gets a copy that needs nothing from it. The TUI bundle goes beside it, where the CLI looks.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Writes the bundle under `folder` (made 0755) and returns the path of its entry point. */
export async function cliForAnotherUser(folder: string): Promise<string> {
  const main = join(folder, 'src', 'cli', 'main.mjs');
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  await build({
    entryPoints: [resolve('dist/src/cli/main.js')],
    outfile: main,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Bundled modules that call require() (CommonJS dependencies) get one, as under Node's loader.
    banner: {
      js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);",
    },
    plugins: [
      {
        // The TUI loads from ui.cjs; its module-by-module fallback (Ink, React) stays out of the bundle.
        name: 'tui-from-its-bundle',
        setup: (bundle) => bundle.onResolve({ filter: /\/mount\.js$/ }, (args) => ({ path: args.path, external: true })),
      },
    ],
  });
  // The CLI finds its version and files from its package.json (by name), and the TUI at ../../ui.cjs.
  copyFileSync(resolve('package.json'), join(folder, 'package.json'));
  copyFileSync(resolve('dist/ui.cjs'), join(folder, 'ui.cjs'));
  return main;
}
