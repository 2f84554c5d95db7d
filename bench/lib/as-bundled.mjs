/**
 * Module hooks that make Ink, loaded from source, the Ink of the TUI bundle: `string-width`
 * replaced by `fast-string-width` and the frame edits applied (scripts/ink-frame-edits.mjs, which
 * scripts/bundle-ui.mjs applies too). The TUI benchmark registers them before it loads Ink, so
 * that what it measures is what a user runs (dist/ui.cjs), not the slower code from source.
 *
 *   const { port1, port2 } = new MessageChannel();
 *   register('./lib/as-bundled.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
 *
 * Each edit applied and each `string-width` replaced is posted on the port, so that the benchmark
 * can check that it measures the bundle's code and not, silently, Ink as installed.
 */
import { fileURLToPath } from 'node:url';
import { INK_FRAME_EDITS, STRING_WIDTH_ALIAS } from '../../scripts/ink-frame-edits.mjs';

let port;
export function initialize(data) {
  port = data?.port;
}

export async function resolve(specifier, context, next) {
  const alias = STRING_WIDTH_ALIAS[specifier];
  // as the bundle does: every dependency's import of it, wherever it is imported from
  if (alias !== undefined && context.parentURL?.includes('/node_modules/')) {
    port?.postMessage({ alias: specifier });
    return next(alias, context);
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (!url.startsWith('file:')) return loaded;
  const path = fileURLToPath(url);
  const edits = INK_FRAME_EDITS.filter((e) => e.file.test(path));
  if (edits.length === 0) return loaded;
  const source = edits.reduce((text, e) => e.apply(text, path), String(loaded.source));
  for (const e of edits) port?.postMessage({ edit: INK_FRAME_EDITS.indexOf(e) });
  return { ...loaded, source, shortCircuit: true };
}
