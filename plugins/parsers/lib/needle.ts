/**
 * A short string that parsers look for in every line: a separator (` - `, `, `, `: `) or a marker
 * (` - ETA:`). V8's `indexOf` with a string compares it at every place its first character
 * occurs, and spaces occur everywhere; a Needle looks for its first character that is not a space
 * (a rare one, usually) and compares the rest around each place found. It looks for that character
 * in a loop of its own rather than with `indexOf`: on the short distances searched in a line, each
 * call of `indexOf` costs more than the loop, four times more in a line with a character outside
 * Latin-1 (a tqdm bar's `█`), and `lastIndexOf` more again. The answers are those of `indexOf` and
 * `lastIndexOf`.
 */
export class Needle {
  /** Where the character looked for is in the text. */
  private readonly anchor: number;
  private readonly anchorCode: number;

  /**
   * `anchor` is the character of `text` to look for, by default its first that is not a space:
   * name a rarer one when that one is common in the lines searched (`-` in Keras lines).
   */
  constructor(
    readonly text: string,
    anchor = text.trimStart()[0],
  ) {
    this.anchor = anchor === undefined || anchor === ' ' ? -1 : text.indexOf(anchor);
    if (this.anchor === -1) throw new Error(`a Needle looks for a character of its text other than a space: ${JSON.stringify(text)}`);
    this.anchorCode = anchor.charCodeAt(0);
  }

  /** `line.indexOf(text, from)`. */
  indexIn(line: string, from = 0): number {
    const { anchor, anchorCode } = this;
    for (let at = (from > 0 ? Math.trunc(from) : 0) + anchor; at < line.length; at++) {
      if (line.charCodeAt(at) === anchorCode && this.occursAt(line, at - anchor)) return at - anchor;
    }
    return -1;
  }

  /** `line.lastIndexOf(text, before)`: the last place that starts at or before `before`. */
  lastIndexIn(line: string, before = Infinity): number {
    const { anchor, anchorCode } = this;
    const latest = Number.isNaN(before) ? Infinity : Math.max(Math.trunc(before), 0);
    for (let at = Math.min(latest + anchor, line.length - 1); at >= anchor; at--) {
      if (line.charCodeAt(at) === anchorCode && this.occursAt(line, at - anchor)) return at - anchor;
    }
    return -1;
  }

  /** `line.startsWith(text, index)`. */
  occursAt(line: string, index: number): boolean {
    const { text } = this;
    for (let i = 0; i < text.length; i++) if (line.charCodeAt(index + i) !== text.charCodeAt(i)) return false;
    return true;
  }
}
