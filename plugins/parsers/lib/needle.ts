/**
 * A short string that parsers look for in every line: a separator (` - `, `, `, `: `) or a marker
 * (` - ETA:`). V8's `indexOf` with a string compares it at every place its first character
 * occurs, and spaces occur everywhere; a Needle looks for its first character that is not a space
 * (a rare one, usually) with the much faster single-character `indexOf`, and compares the rest
 * around each place found. The answers are those of `indexOf` and `lastIndexOf`.
 */
export class Needle {
  /** Where the character looked for is in the text. */
  private readonly anchor: number;
  private readonly anchorChar: string;

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
    this.anchorChar = anchor;
  }

  /** `line.indexOf(text, from)`. */
  indexIn(line: string, from = 0): number {
    const start = Math.max(from, 0) + this.anchor;
    for (let at = line.indexOf(this.anchorChar, start); at !== -1; at = line.indexOf(this.anchorChar, at + 1)) {
      if (this.occursAt(line, at - this.anchor)) return at - this.anchor;
    }
    return -1;
  }

  /** `line.lastIndexOf(text, before)`: the last place that starts at or before `before`. */
  lastIndexIn(line: string, before = Infinity): number {
    const from = (Number.isNaN(before) ? Infinity : Math.max(before, 0)) + this.anchor;
    for (let at = line.lastIndexOf(this.anchorChar, from); at >= this.anchor; at = line.lastIndexOf(this.anchorChar, at - 1)) {
      if (this.occursAt(line, at - this.anchor)) return at - this.anchor;
      if (at === 0) break; // lastIndexOf(char, -1) would look at 0 again
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
