/**
 * Bundles the TUI (dist/src/ui/mount.js with Ink and React) into one file, dist/ui.mjs, with
 * esbuild. Loading Ink module by module costs a fresh `sweeptop attach` about half a second —
 * Ink imports one function from `es-toolkit/compat`, whose index pulls in hundreds of files —
 * and a person waits for that before the first frame. Bundled, tree-shaken, with React's
 * production build chosen at build time, the same code loads in a fraction of that.
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

await build({
  entryPoints: ['dist/src/ui/mount.js'],
  outfile: 'dist/ui.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads its devtools only when DEV=true; they need a package we do not ship
  external: ['./devtools.js'],
  // React and some of Ink's dependencies are CommonJS and call require() for Node's modules
  banner: { js: "import { createRequire as __sweeptopRequire } from 'node:module'; const require = __sweeptopRequire(import.meta.url);" },
  plugins: [yogaFromFile('dist/yoga.wasm')],
  logLevel: 'warning',
});

/**
 * Yoga (Ink's layout engine) ships its WebAssembly as a base64 `data:` URL that Emscripten loads
 * with fetch(): on Node that first access to fetch loads undici, ~50 ms of a fresh attach. The
 * build writes the bytes to a file beside the bundle instead and hands them to Yoga's loader
 * (Emscripten's `wasmBinary` option), so fetch is never touched; the base64 leaves the bundle.
 */
function yogaFromFile(wasmPath) {
  const yogaRoot = dirname(dirname(dirname(createRequire(import.meta.url).resolve('yoga-layout'))));
  const binding = join(yogaRoot, 'dist/binaries/yoga-wasm-base64-esm.js');
  const dataUrl = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
  return {
    name: 'yoga-from-file',
    setup(build) {
      build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga-layout', namespace: 'yoga-from-file' }));
      build.onLoad({ filter: /.*/, namespace: 'yoga-from-file' }, () => ({
        resolveDir: yogaRoot,
        contents: [
          "import { readFileSync } from 'node:fs';",
          "import loadYoga from './dist/binaries/yoga-wasm-base64-esm.js';",
          "import wrapAssembly from './dist/src/wrapAssembly.js';",
          "export * from './dist/src/generated/YGEnums.js';",
          "const Yoga = wrapAssembly(await loadYoga({ wasmBinary: readFileSync(new URL('./yoga.wasm', import.meta.url)) }));",
          'export default Yoga;',
        ].join('\n'),
      }));
      build.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => {
        if (args.path !== binding) return undefined;
        const source = readFileSync(binding, 'utf8');
        const found = dataUrl.exec(source);
        if (!found) throw new Error(`${binding}: no base64 wasm found; yoga-layout changed how it ships its binary`);
        writeFileSync(wasmPath, Buffer.from(found[1], 'base64'));
        return { contents: source.replace(found[0], '"data:application/octet-stream;base64,"'), loader: 'js' };
      });
    },
  };
}
