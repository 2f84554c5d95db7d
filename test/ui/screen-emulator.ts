/**
 * Just enough of a VT100 to replay what Ink writes and see the screen a person would see: text,
 * CR/LF (LF as CR LF, like a tty with ONLCR), cursor moves (A B E F G H), erases (K, 2K, 2J),
 * auto-wrap and scrolling. Colours and private modes are ignored, except that the alternate screen
 * and cursor visibility are tracked so tests can check the terminal is left as it was.
 */
export class ScreenEmulator {
  lines: string[][];
  row = 0;
  col = 0;
  alternate = false;
  cursorVisible = true;

  constructor(
    public width: number,
    public height: number,
  ) {
    this.lines = Array.from({ length: height }, () => []);
  }

  resize(width: number, height: number): void {
    // Like tmux on the alternate screen: keep the top-left, crop or extend.
    this.width = width;
    while (this.lines.length < height) this.lines.push([]);
    this.lines = this.lines.slice(0, height).map((l) => l.slice(0, width));
    this.height = height;
    this.row = Math.min(this.row, height - 1);
    this.col = Math.min(this.col, width - 1);
  }

  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i];
      if (ch === '\x1b') {
        const csi = /^\x1b\[(\??)([\d;]*)([A-Za-z])/.exec(data.slice(i, i + 20));
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
      else this.put(ch);
      i++;
    }
  }

  text(): string[] {
    return this.lines.map((l) => l.join('').replace(/\s+$/, ''));
  }

  private put(ch: string): void {
    if (this.col >= this.width) {
      this.lineFeed();
    }
    const line = this.lines[this.row];
    while (line.length < this.col) line.push(' ');
    line[this.col] = ch;
    this.col++;
  }

  private lineFeed(): void {
    this.col = 0;
    if (this.row === this.height - 1) {
      this.lines.shift();
      this.lines.push([]);
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
        if (params === '2') this.lines[this.row] = [];
        else this.lines[this.row] = this.lines[this.row].slice(0, this.col);
        break;
      case 'J':
        if (params === '2') this.lines = this.lines.map(() => []);
        break;
      default:
      // SGR (m) and anything else: no effect on the text.
    }
  }
}
