/**
 * Bundles the TUI (dist/src/ui/mount.js with Ink and React) into one file, dist/ui.mjs, with
 * esbuild. Loading Ink module by module costs a fresh `sweeptop attach` about half a second —
 * Ink imports one function from `es-toolkit/compat`, whose index pulls in hundreds of files —
 * and a person waits for that before the first frame. Bundled, tree-shaken, with React's
 * production build chosen at build time, the same code loads in a fraction of that.
 */
import { build } from 'esbuild';

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
  logLevel: 'warning',
});
