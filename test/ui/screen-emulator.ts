/**
 * Just enough of a VT100 to replay what Ink writes and see the screen a person would see: text,
 * CR/LF (LF as CR LF, like a tty with ONLCR), cursor moves (A B E F G H), erases (K, 2K, 2J),
 * auto-wrap and scrolling, wide characters (two columns). Colours are kept per cell (`styled()`);
 * private modes are ignored, except that the alternate screen and cursor visibility are tracked so
 * tests can check the terminal is left as it was.
 */
import stringWidth from 'fast-string-width';

export class ScreenEmulator {
  lines: string[][];
  /** Per cell, the colours and attributes it was drawn with ('' for none). */
  styles: string[][];
  private attributes = new Set<number>();
  private fg = '';
  private bg = '';
  row = 0;
  col = 0;
  alternate = false;
  cursorVisible = true;

  constructor(
    public width: number,
    public height: number,
  ) {
    this.lines = Array.from({ length: height }, () => []);
    this.styles = Array.from({ length: height }, () => []);
  }

  resize(width: number, height: number): void {
    // Like tmux on the alternate screen: keep the top-left, crop or extend.
    this.width = width;
    while (this.lines.length < height) this.lines.push([]);
    while (this.styles.length < height) this.styles.push([]);
    this.lines = this.lines.slice(0, height).map((l) => l.slice(0, width));
    this.styles = this.styles.slice(0, height).map((l) => l.slice(0, width));
    this.height = height;
    this.row = Math.min(this.row, height - 1);
    this.col = Math.min(this.col, width - 1);
  }

  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i];
      if (ch === '\x1b') {
        const csi = /^\x1b\[(\??)([\d;]*)([A-Za-z])/.exec(data.slice(i, i + 40));
        if (csi) {
          this.control(csi[1], csi[2], csi[3]);
          i += csi[0].length;
          continue;
        }
        i += 2;
        continue;
      }
      if (ch === '\n') this.lineFeed();
      else if (ch === '\r') this.col = 0;
      else {
        const char = String.fromCodePoint(data.codePointAt(i) as number);
        this.put(char);
        i += char.length;
        continue;
      }
      i++;
    }
  }

  /** Each line's cells as `char` or `char<style>` where a style is set, trailing blanks dropped. */
  styled(): string[] {
    return this.lines.map((l, r) =>
      l
        .map((ch, c) => (this.styles[r][c] ? `${ch}<${this.styles[r][c]}>` : ch))
        .join('')
        .replace(/\s+$/, ''),
    );
  }

  text(): string[] {
    return this.lines.map((l) => l.join('').replace(/\s+$/, ''));
  }

  private put(ch: string): void {
    const width = stringWidth(ch);
    if (width === 0) return;
    if (this.col + width > this.width) {
      this.lineFeed();
    }
    const line = this.lines[this.row];
    const styles = this.styles[this.row];
    while (line.length < this.col + width) {
      line.push(' ');
      styles.push('');
    }
    // overwriting half of a wide character blanks its other half
    if (line[this.col] === '' && this.col > 0) line[this.col - 1] = ' ';
    if (line[this.col + width] === '') line[this.col + width] = ' ';
    const style = this.style();
    line[this.col] = ch;
    styles[this.col] = style;
    if (width === 2) {
      line[this.col + 1] = '';
      styles[this.col + 1] = style;
    }
    this.col += width;
  }

  private style(): string {
    return [...[...this.attributes].sort((a, b) => a - b), this.fg, this.bg].filter((p) => p !== '').join(',');
  }

  private sgr(params: string): void {
    const codes = params === '' ? [0] : params.split(';').map(Number);
    for (let k = 0; k < codes.length; k++) {
      const n = codes[k];
      if (n === 0) {
        this.attributes.clear();
        this.fg = this.bg = '';
      } else if (n >= 1 && n <= 9) this.attributes.add(n);
      else if (n === 22) {
        this.attributes.delete(1);
        this.attributes.delete(2);
      } else if (n >= 23 && n <= 29) this.attributes.delete(n - 20);
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) this.fg = `fg${n}`;
      else if (n === 39) this.fg = '';
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) this.bg = `bg${n}`;
      else if (n === 49) this.bg = '';
      else if (n === 38 || n === 48) {
        const length = codes[k + 1] === 5 ? 2 : 4;
        const colour = `${n === 38 ? 'fg' : 'bg'}${codes.slice(k + 1, k + 1 + length).join(':')}`;
        if (n === 38) this.fg = colour;
        else this.bg = colour;
        k += length;
      }
    }
  }

  private lineFeed(): void {
    this.col = 0;
    if (this.row === this.height - 1) {
      this.lines.shift();
      this.lines.push([]);
      this.styles.shift();
      this.styles.push([]);
    } else this.row++;
  }

  private control(privateMode: string, params: string, final: string): void {
    const n = params === '' ? 1 : Number(params.split(';')[0]) || 1;
    if (privateMode === '?') {
      if (params === '1049') this.alternate = final === 'h';
      if (params === '25') this.cursorVisible = final === 'h';
      return;
    }
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row = Math.min(this.height - 1, this.row + n);
        break;
      case 'E':
        this.row = Math.min(this.height - 1, this.row + n);
        this.col = 0;
        break;
      case 'F':
        this.row = Math.max(0, this.row - n);
        this.col = 0;
        break;
      case 'G':
        this.col = n - 1;
        break;
      case 'H': {
        const [r = 1, c = 1] = params.split(';').map((p) => Number(p) || 1);
        this.row = Math.min(this.height - 1, r - 1);
        this.col = c - 1;
        break;
      }
      case 'K':
        if (params === '2') {
          this.lines[this.row] = [];
          this.styles[this.row] = [];
        } else {
          this.lines[this.row] = this.lines[this.row].slice(0, this.col);
          this.styles[this.row] = this.styles[this.row].slice(0, this.col);
        }
        break;
      case 'J':
        if (params === '2') {
          this.lines = this.lines.map(() => []);
          this.styles = this.styles.map(() => []);
        }
        break;
      case 'm':
        this.sgr(params);
        break;
      default:
      // anything else: no effect on the text.
    }
  }
}
