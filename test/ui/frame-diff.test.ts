import { EventEmitter } from 'node:events';
import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import { createOutputProxy } from '../../src/ui/terminal/output-proxy.js';
import { ScreenEmulator } from './screen-emulator.js';

const COLUMNS = 40;
const ROWS = 20;

function tty() {
  const written: string[] = [];
  const stream = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: COLUMNS,
    rows: ROWS,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

/** Writes frames as Ink's standard renderer does: an erase of the previous frame, then the whole frame. */
function inkWriter(stream: NodeJS.WriteStream) {
  let previousLineCount = 0;
  return (lines: string[]) => {
    const str = `${lines.join('\n')}\n`;
    const erase = previousLineCount === 0 ? '' : `${'\x1b[2K\x1b[1A'.repeat(previousLineCount - 1)}\x1b[2K\x1b[G`;
    stream.write(erase + str);
    previousLineCount = str.split('\n').length;
  };
}

/** What a terminal shows after `lines` drawn on a cleared screen. */
function reference(lines: string[]) {
  const screen = new ScreenEmulator(COLUMNS, ROWS);
  screen.write(`\x1b[H\x1b[2J${lines.join('\n')}\n`);
  return screen;
}

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// with an emoji and a combining accent: lines terminals measure differently are rewritten whole
const GLYPHS = 'abc xyz 0123456789.│›▁▂▃▇界é🙂e\u0301';
const STYLES: [string, string][] = [
  ['', ''],
  ['\x1b[32m', '\x1b[39m'],
  ['\x1b[1m', '\x1b[22m'],
  ['\x1b[2m', '\x1b[22m'],
  ['\x1b[7m', '\x1b[27m'],
  ['\x1b[38;5;208m', '\x1b[39m'],
  ['\x1b[44m\x1b[97m', '\x1b[39m\x1b[49m'],
];

function randomLine(next: () => number): string {
  let line = '';
  let width = 0;
  const target = Math.floor(next() * COLUMNS);
  while (width < target) {
    const [open, close] = STYLES[Math.floor(next() * STYLES.length)];
    let text = '';
    for (let n = 1 + Math.floor(next() * 6); n > 0; n--) {
      const glyph = [...GLYPHS][Math.floor(next() * [...GLYPHS].length)];
      if (width + stringWidth(glyph) > COLUMNS) break;
      text += glyph;
      width += stringWidth(glyph);
    }
    line += open + text + close;
  }
  return line;
}

function mutate(lines: string[], next: () => number): string[] {
  const out = lines.map((line) => (next() < 0.3 ? randomLine(next) : line));
  if (next() < 0.2 && out.length > 1) out.pop();
  if (next() < 0.2 && out.length < ROWS - 1) out.push(randomLine(next));
  return out;
}

describe('frame diff (output proxy with diffFrames)', () => {
  it('leaves the screen as a full redraw of each frame would, over random frames', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const next = random(seed);
      const terminal = tty();
      const output = createOutputProxy(terminal.stream, { diffFrames: true });
      const screen = new ScreenEmulator(COLUMNS, ROWS);
      const draw = inkWriter(output.stream);
      let lines = Array.from({ length: 1 + Math.floor(next() * (ROWS - 2)) }, () => randomLine(next));
      for (let frame = 0; frame < 30; frame++) {
        draw(lines);
        screen.write(terminal.written.splice(0).join(''));
        expect(screen.styled(), `seed ${seed}, frame ${frame}`).toEqual(reference(lines).styled());
        // the cursor where Ink believes it is: on the line below the frame
        expect([screen.row, screen.col]).toEqual([lines.length, 0]);
        lines = mutate(lines, next);
      }
    }
  });

  it('sends the changed cells only: one digit of a step costs a cursor move and the digit', () => {
    const terminal = tty();
    const output = createOutputProxy(terminal.stream, { diffFrames: true });
    const draw = inkWriter(output.stream);
    const row = (step: number) => `\x1b[32m  12 running\x1b[39m  step \x1b[1m${step}\x1b[22m  loss 0.25`;
    const frame = (step: number) => Array.from({ length: 19 }, (_, i) => (i === 7 ? row(step) : row(100 + i)));
    draw(frame(3));
    terminal.written.length = 0;
    draw(frame(4));
    // move to row 8, column 20; bold on; '4'; style reset; cursor back below the frame
    expect(terminal.written).toEqual(['\x1b[8;20H\x1b[0;1m4\x1b[0m\x1b[20H']);
    draw(frame(4));
    expect(terminal.written.slice(1)).toEqual(['']);
  });

  it('passes a write it does not understand through and repaints the next frame in full', () => {
    const terminal = tty();
    const output = createOutputProxy(terminal.stream, { diffFrames: true });
    const draw = inkWriter(output.stream);
    draw(['one', 'two']);
    output.stream.write('\x1b[?25l');
    output.stream.write('\x1b[5Aodd');
    expect(terminal.written.slice(1)).toEqual(['\x1b[?25l', '\x1b[5Aodd']);
    terminal.written.length = 0;
    draw(['one', 'two']);
    expect(terminal.written[0].startsWith('\x1b[H\x1b[2J')).toBe(true);
  });

  it('is off unless asked for, and on a stream that is not a terminal', () => {
    const terminal = tty();
    createOutputProxy(terminal.stream).stream.write('\x1b[2K\x1b[Gsame');
    const pipe = tty();
    (pipe.stream as { isTTY: boolean }).isTTY = false;
    createOutputProxy(pipe.stream, { diffFrames: true }).stream.write('\x1b[2K\x1b[Gsame');
    expect([...terminal.written, ...pipe.written]).toEqual(['\x1b[2K\x1b[Gsame', '\x1b[2K\x1b[Gsame']);
  });
});
