/**
 * The TUI bundle changes Ink's frame building (scripts/ink-frame-edits.mjs): the caches of the
 * last frame serve the next. The edited Output must build the very frames the original builds,
 * reuse what it computed for a line drawn the frame before, and keep no more than that frame's.
 * The TUI's end-to-end tests (test/e2e/) run the bundle, edits included.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { INK_FRAME_EDITS } from '../../scripts/ink-frame-edits.mjs';

const INK_OUTPUT = 'node_modules/ink/build/output.js';
const scratch = mkdtempSync(join(tmpdir(), 'ink-frame-edits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Write {
  x: number;
  y: number;
  text: string;
}
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: [] }): void;
  get(): { output: string; height: number };
  caches: { styledChars: Map<string, unknown>; previous?: { styledChars: Map<string, unknown> } };
}
type OutputClass = new (size: { width: number; height: number }) => OutputLike;

/** Ink's output.js, edited or not, loaded from a copy whose package imports point at node_modules. */
async function loadOutput(edited: boolean, name: string): Promise<OutputClass> {
  let source = readFileSync(INK_OUTPUT, 'utf8');
  if (edited) for (const e of INK_FRAME_EDITS.filter((e) => e.file.test(INK_OUTPUT))) source = e.apply(source, INK_OUTPUT);
  source = source
    .replace(/^\/\/# sourceMappingURL=.*$/m, '')
    .replace(/from '([^'.][^']*)'/g, (_, specifier: string) => `from '${import.meta.resolve(specifier)}'`);
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)).default;
}

function frame(Output: OutputClass, writes: readonly Write[]): OutputLike {
  const output = new Output({ width: 40, height: 4 });
  for (const { x, y, text } of writes) output.write(x, y, text, { transformers: [] });
  return output;
}

const red = (text: string) => `\u001b[31m${text}\u001b[39m`;
const frames: Write[][] = [
  [
    { x: 0, y: 0, text: `sweep ${red('running 3')} │ best 0.41` },
    { x: 0, y: 1, text: '› 12 running  0.4113 ▁▂▃' },
    { x: 2, y: 2, text: '学习率 0.01 👍' },
  ],
  // the header's clock moved; the rows did not
  [
    { x: 0, y: 0, text: `sweep ${red('running 2')} │ best 0.41` },
    { x: 0, y: 1, text: '› 12 running  0.4113 ▁▂▃' },
    { x: 2, y: 2, text: '学习率 0.01 👍' },
  ],
  // a line drawn over another, and one two frames old back again
  [
    { x: 0, y: 0, text: `sweep ${red('running 3')} │ best 0.41` },
    { x: 0, y: 1, text: '  12 completed 0.4100 ▁▂▃▄' },
    { x: 5, y: 1, text: red('X') },
    { x: 0, y: 3, text: 'q quit  ? help' },
  ],
];

describe('the frame edits of Ink', () => {
  it('apply to the Ink installed', () => {
    for (const { file, apply } of INK_FRAME_EDITS) {
      const path = file.test(INK_OUTPUT) ? INK_OUTPUT : 'node_modules/ink/build/render-node-to-output.js';
      expect(apply(readFileSync(path, 'utf8'), path)).not.toBe(readFileSync(path, 'utf8'));
    }
  });

  it('build the frames the original Output builds', async () => {
    const [Original, Edited] = await Promise.all([loadOutput(false, 'original'), loadOutput(true, 'edited')]);
    // each frame twice (the second finds every row as it was), then the first again
    for (const writes of [...frames.flatMap((f) => [f, f]), frames[0]]) {
      expect(frame(Edited, writes).get()).toEqual(frame(Original, writes).get());
    }
  });

  it("reuse the previous frame's work for a line drawn again, and keep only that frame's", async () => {
    const Edited = await loadOutput(true, 'edited-caches');
    const row = frames[0][1].text;
    const first = frame(Edited, frames[0]);
    first.get();
    const second = frame(Edited, frames[1]);
    second.get();
    expect(second.caches.styledChars.get(row)).toBe(first.caches.styledChars.get(row));
    const third = frame(Edited, frames[2]);
    third.get();
    // the row is not in the third frame: the fourth no longer finds it, nor anything of the first
    const fourth = frame(Edited, frames[0]);
    expect(fourth.caches.previous?.styledChars.has(row)).toBe(false);
    expect(third.caches.previous).toBeUndefined();
    fourth.get();
    expect(fourth.caches.styledChars.get(row)).not.toBe(first.caches.styledChars.get(row));
  });
});
