/**
 * What the TUI bundle (scripts/bundle-ui.mjs) changes in Ink's code to make a frame cheaper, kept
 * here so that the TUI benchmark (bench/lib/as-bundled.mjs) measures the same code a user runs.
 *
 * Ink builds each frame from scratch: for every line of text it tokenizes the ANSI codes, makes
 * an object per character and measures widths, in caches that live for one frame. Between two
 * frames of a sweep most lines do not change (rows of finished trials, the footer, the header
 * between clock ticks), so at 10,000 trials about half a frame's CPU went into lines drawn
 * identically the frame before (bench/tui.ts). The edits below carry the caches of the last frame
 * into the next one: a line met again is looked up, a new one is computed as before. Only the
 * previous frame's entries are kept, so memory stays that of two frames however long the sweep.
 * The screen's blank cells are one shared object instead of one each per frame, and a row whose
 * cells are the very objects of the same row the frame before is not turned into text again: the
 * text depends on nothing else.
 *
 * Each edit checks that the code it changes is still there: a new Ink fails the build (and the
 * benchmark), never a user's frame.
 */

/** Replaces `text` in a dependency's source, or fails saying what changed. */
export function edit(source, file, text, replacement) {
  if (!source.includes(text))
    throw new Error(`${file}: expected \`${text}\`; the package changed and scripts/ink-frame-edits.mjs needs a look`);
  return source.replace(text, replacement);
}

/**
 * Ink and its helpers measure text with `string-width`, which at its first non-ASCII string
 * creates an Intl.Segmenter and compiles /^\p{RGI_Emoji}$/v: about 50 ms before the first frame
 * of a TUI whose table and charts are drawn with │ ▾ ★ ▁▂▃, and about a tenth of every frame's
 * CPU after. `fast-string-width` gives the same widths (test/ui/string-width.test.ts checks the
 * characters we draw and the usual suspects) without either.
 */
export const STRING_WIDTH_ALIAS = { 'string-width': 'fast-string-width' };

// Ink's per-frame caches, extended to fall back on the previous frame's before computing.
const carriedCaches = `
class CarriedOutputCaches extends OutputCaches {
    constructor(previous) {
        super();
        if (previous) {
            previous.previous = undefined;
            this.previous = previous;
        }
    }
    carried(own, previous, key, compute) {
        let value = own.get(key);
        if (value === undefined) {
            value = previous?.get(key);
            if (value === undefined) value = compute(key);
            own.set(key, value);
        }
        return value;
    }
    getStyledChars(line) {
        return this.carried(this.styledChars, this.previous?.styledChars, line, (text) => styledCharsFromTokens(tokenize(text)));
    }
    getStringWidth(text) {
        return this.carried(this.widths, this.previous?.widths, text, stringWidth);
    }
    getWidestLine(text) {
        return this.carried(this.blockWidths, this.previous?.blockWidths, text, (block) => super.getWidestLine(block));
    }
}
let lastFrameCaches;
const blankCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
let lastFrameRows = [];
function rowText(y, cells) {
    const last = lastFrameRows[y];
    if (last && last.cells.length === cells.length && last.cells.every((cell, x) => cell === cells[x])) return last.text;
    return styledCharsToString(cells).trimEnd();
}
export default class Output {`;

/** `{ file, apply(source, path) }`: the file (a path ending) and how its source is changed. */
export const INK_FRAME_EDITS = [
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    apply: (source, path) =>
      edit(
        edit(source, path, 'export default class Output {', carriedCaches),
        path,
        '    caches = new OutputCaches();',
        '    caches = (lastFrameCaches = new CarriedOutputCaches(lastFrameCaches));',
      ),
  },
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    apply: (source, path) =>
      edit(
        edit(
          source,
          path,
          `                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
          '                row.push(blankCell);',
        ),
        path,
        `        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');`,
        `        const rows = output.map(line => line.filter(item => item !== undefined));
        const texts = rows.map((cells, y) => rowText(y, cells));
        lastFrameRows = rows.map((cells, y) => ({ cells, text: texts[y] }));
        const generatedOutput = texts.join('\\n');`,
      ),
  },
  {
    // the width of every text node, measured again on every frame: from the same caches
    file: /ink[\\/]build[\\/]render-node-to-output\.js$/,
    apply: (source, path) =>
      edit(source, path, 'const currentWidth = widestLine(text);', 'const currentWidth = output.caches.getWidestLine(text);'),
  },
];
