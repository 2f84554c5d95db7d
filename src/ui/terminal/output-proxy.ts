/**
 * Wraps the terminal's stream for Ink:
 * - counts the bytes written (the view store's byte budget and the benchmark read them);
 * - drops ESC[3J: Ink sends "erase scrollback" with every full clear, which would wipe the user's
 *   shell history above the alternate screen in some terminals;
 * - anchors each incremental frame at the top-left corner. Ink 6.8's incremental renderer starts a
 *   frame with `ESC[<h-1>A` while the cursor sits on the line *below* an h-line frame, so every
 *   update lands one row too low (the first line of the previous frame stays on screen). In the
 *   alternate screen our frame always starts on row 1, so "cursor home" is exact whatever Ink
 *   believes (test/ui/output-proxy.test.ts checks this against Ink's real output);
 * - with `diffFrames`, sends only the cells that changed since the last frame (frame-diff.ts); Ink
 *   must then render in its standard mode, which writes whole frames;
 * - forces a full repaint after a resize: while `fullRepaint()` says so it reports 0 rows, so Ink
 *   takes its "frame taller than the terminal" path — clear the screen, write every line — and
 *   `repainted()` is called once that is written. Ink's own `clear()` would not do: it re-syncs its
 *   diff to the old frame, so lines that did not change are skipped although the terminal no longer
 *   shows them (terminal-size.ts decides which frame must be repainted).
 */
import { FrameDiffer } from './frame-diff.js';

const ERASE_SCROLLBACK = '\x1b[3J';
const ERASE_SCREEN = '\x1b[2J';
const LEADING_CURSOR_UP = /^\x1b\[\d*A/;
const CURSOR_HOME = '\x1b[H';

export interface OutputProxy {
  stream: NodeJS.WriteStream;
  bytes(): number;
}

export interface OutputProxyOptions {
  /** Rewrite a frame's leading cursor-up into cursor-home (Ink's incremental rendering). @default true */
  anchorTop?: boolean;
  /**
   * Send only the cells that changed (frame-diff.ts); for Ink's standard rendering, on a terminal.
   * @default false
   */
  diffFrames?: boolean;
  /** Asked when Ink reads `rows`: true makes the frame being drawn a full repaint. */
  fullRepaint?: () => boolean;
  /** Called when a full repaint has been written. */
  repainted?: () => void;
}

export function createOutputProxy(target: NodeJS.WriteStream, options: OutputProxyOptions = {}): OutputProxy {
  const anchorTop = options.anchorTop ?? true;
  let bytes = 0;
  let repainting = false;
  const differ = options.diffFrames && target.isTTY ? new FrameDiffer(() => target.columns) : null;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    let data = chunk;
    if (typeof data === 'string') {
      if (repainting && data.includes(ERASE_SCREEN)) {
        repainting = false;
        options.repainted?.();
      }
      if (data.includes(ERASE_SCROLLBACK)) data = data.split(ERASE_SCROLLBACK).join('');
      if (differ) data = differ.translate(data as string);
      else if (anchorTop) data = (data as string).replace(LEADING_CURSOR_UP, CURSOR_HOME);
      bytes += Buffer.byteLength(data as string);
    } else if (data instanceof Uint8Array) {
      bytes += data.byteLength;
    }
    return (target.write as (...args: unknown[]) => boolean)(data, ...rest);
  };
  const stream = new Proxy(target, {
    get(object, property) {
      if (property === 'write') return write;
      if (property === 'rows' && options.fullRepaint?.()) {
        repainting = true;
        return 0;
      }
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
  return { stream, bytes: () => bytes };
}
