/**
 * Module hooks that make Ink, loaded from source, the Ink of the TUI bundle: `string-width`
 * replaced by `fast-string-width` and the frame edits applied (scripts/ink-frame-edits.mjs, which
 * scripts/bundle-ui.mjs applies too). The TUI benchmark registers them before it loads Ink, so
 * that what it measures is what a user runs (dist/ui.cjs), not the slower code from source.
 *
 *   import { register } from 'node:module';
 *   register('./lib/as-bundled.mjs', import.meta.url);
 */
import { fileURLToPath } from 'node:url';
import { INK_FRAME_EDITS, STRING_WIDTH_ALIAS } from '../../scripts/ink-frame-edits.mjs';

export async function resolve(specifier, context, next) {
  const alias = STRING_WIDTH_ALIAS[specifier];
  // as the bundle does: every dependency's import of it, wherever it is imported from
  if (alias !== undefined && context.parentURL?.includes('/node_modules/')) return next(alias, context);
  return next(specifier, context);
}

export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (!url.startsWith('file:')) return loaded;
  const path = fileURLToPath(url);
  const edits = INK_FRAME_EDITS.filter((e) => e.file.test(path));
  if (edits.length === 0) return loaded;
  const source = edits.reduce((text, e) => e.apply(text, path), String(loaded.source));
  return { ...loaded, source, shortCircuit: true };
}
