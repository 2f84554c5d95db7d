/**
 * Bundles the TUI (dist/src/ui/mount.js with Ink and React) into one CommonJS file, dist/ui.cjs,
 * with esbuild. A person waits for this code to load before the first frame of `sweeptop attach`:
 *   - module by module, Ink took about half a second (it imports one function from
 *     `es-toolkit/compat`, whose index pulls in hundreds of files);
 *   - as one ES module it still took ~0.1 s more than the same bundle as CommonJS, which Node 20
 *     compiles and runs without the ES module loader's steps (measured: bench/control.ts).
 * React's production build is chosen at build time.
 *
 * CommonJS cannot hold a top-level await, and two dependencies have one: Yoga, Ink's layout
 * engine, awaits its WebAssembly; Ink awaits its devtools when DEV=true. Yoga is started
 * synchronously here instead, from a wasm file written beside the bundle (which also spares
 * Emscripten's fetch() of a base64 data: URL, and with it loading undici); Ink's devtools are left
 * out of the build, as they need a package we do not ship. Both edits check that the code they
 * change is still there: a new version of either package fails the build, not a user's attach.
 *
 * Ink's text measuring (`string-width` → `fast-string-width`) and its frame building are changed as
 * scripts/ink-frame-edits.mjs says: a frame costs about half the CPU (bench/tui.ts measures the
 * same code, through bench/lib/as-bundled.mjs).
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { edit, INK_FRAME_EDITS, STRING_WIDTH_ALIAS } from './ink-frame-edits.mjs';

const frameEditsApplied = new Set();
await build({
  entryPoints: ['dist/src/ui/mount.js'],
  outfile: 'dist/ui.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: STRING_WIDTH_ALIAS,
  plugins: [yogaStartedSynchronously('dist/yoga.wasm'), inkWithoutDevtools(), inkFrameEdits(frameEditsApplied)],
  logLevel: 'warning',
});
// an edit whose file was never loaded would leave the bundle slow without a word
if (frameEditsApplied.size !== INK_FRAME_EDITS.length) {
  throw new Error(`${INK_FRAME_EDITS.length - frameEditsApplied.size} of scripts/ink-frame-edits.mjs's edits found no file in the bundle`);
}

function yogaStartedSynchronously(wasmPath) {
  const yogaRoot = dirname(dirname(dirname(createRequire(import.meta.url).resolve('yoga-layout'))));
  const binding = join(yogaRoot, 'dist/binaries/yoga-wasm-base64-esm.js');
  const dataUrl = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
  return {
    name: 'yoga-started-synchronously',
    setup(build) {
      build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga-layout', namespace: 'yoga-started-synchronously' }));
      // Emscripten's instantiateWasm hook, answered at once: the runtime starts before loadYoga returns
      build.onLoad({ filter: /.*/, namespace: 'yoga-started-synchronously' }, () => ({
        resolveDir: yogaRoot,
        contents: `
          import { readFileSync } from 'node:fs';
          import { join } from 'node:path';
          import loadYoga from './dist/binaries/yoga-wasm-base64-esm.js';
          import wrapAssembly from './dist/src/wrapAssembly.js';
          export * from './dist/src/generated/YGEnums.js';
          const wasm = new WebAssembly.Module(readFileSync(join(__dirname, 'yoga.wasm')));
          const runtime = {
            instantiateWasm(imports, receive) {
              const instance = new WebAssembly.Instance(wasm, imports);
              receive(instance);
              return instance.exports;
            },
          };
          loadYoga(runtime);
          if (!runtime.calledRun) throw new Error('Yoga did not start synchronously');
          export default wrapAssembly(runtime);
        `,
      }));
      build.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => {
        if (args.path !== binding) return undefined;
        let source = readFileSync(binding, 'utf8');
        const found = dataUrl.exec(source);
        if (!found) throw new Error(`${binding}: no base64 wasm found; yoga-layout changed how it ships its binary`);
        writeFileSync(wasmPath, Buffer.from(found[1], 'base64'));
        source = edit(source, binding, found[0], '"data:application/octet-stream;base64,"');
        source = edit(source, binding, 'var _scriptDir = import.meta.url;', 'var _scriptDir = undefined;');
        return { contents: source, loader: 'js' };
      });
    },
  };
}

function inkWithoutDevtools() {
  return {
    name: 'ink-without-devtools',
    setup(build) {
      build.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
        let source = readFileSync(args.path, 'utf8');
        source = edit(
          source,
          args.path,
          "await import('./devtools.js');",
          "throw Object.assign(new Error('devtools are not part of this build'), { code: 'ERR_MODULE_NOT_FOUND' });",
        );
        source = edit(source, args.path, '? await loadPackageJson()', '? { name: undefined, version: undefined }');
        return { contents: source, loader: 'js' };
      });
    },
  };
}

function inkFrameEdits(applied) {
  // one onLoad per file (esbuild takes the first that answers), applying every edit of that file
  const filter = new RegExp(INK_FRAME_EDITS.map((e) => e.file.source).join('|'));
  return {
    name: 'ink-frame-edits',
    setup(build) {
      build.onLoad({ filter }, (args) => ({
        contents: INK_FRAME_EDITS.filter((e) => e.file.test(args.path)).reduce(
          (source, e) => {
            applied.add(e);
            return e.apply(source, args.path);
          },
          readFileSync(args.path, 'utf8'),
        ),
        loader: 'js',
      }));
    },
  };
}
