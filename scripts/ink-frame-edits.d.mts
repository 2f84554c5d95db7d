/** Types of scripts/ink-frame-edits.mjs, for the benchmark and the tests that import it. */
export function edit(source: string, file: string, text: string, replacement: string): string;
export const STRING_WIDTH_ALIAS: Readonly<Record<string, string>>;
export const INK_FRAME_EDITS: readonly { file: RegExp; apply(source: string, path: string): string }[];
