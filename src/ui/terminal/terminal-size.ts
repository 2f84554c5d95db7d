export interface TerminalSize {
  columns: number;
  rows: number;
}

/**
 * The terminal's size as a small store (Ink 6 has no useWindowSize), and the bookkeeping for the
 * full repaint a resize needs: the terminal may have cropped, scrolled or kept the old frame, so the
 * first frame laid out for the new size must be written whole (see output-proxy.ts). React 19
 * commits store updates in a microtask, after Ink's own resize handler has redrawn the *old* tree;
 * so the repaint is tied to the frame rendered for the new size (`markRendered`), not to the event.
 */
export class TerminalSizeSource {
  private size: TerminalSize;
  private listeners = new Set<() => void>();
  private rendered: TerminalSize | null = null;
  private repaintPending = false;

  constructor(private readonly stdout: NodeJS.WriteStream) {
    this.size = read(stdout);
    stdout.on('resize', this.onResize);
  }

  get = (): TerminalSize => this.size;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called by the App while rendering a frame for `size`. */
  markRendered(size: TerminalSize): void {
    this.rendered = size;
  }

  /** True while the frame being drawn is the first one laid out for a new size. */
  needsFullRepaint = (): boolean =>
    this.repaintPending && this.rendered !== null && this.rendered.columns === this.size.columns && this.rendered.rows === this.size.rows;

  repainted = (): void => {
    this.repaintPending = false;
  };

  dispose(): void {
    this.stdout.off('resize', this.onResize);
    this.listeners.clear();
  }

  private onResize = (): void => {
    const next = read(this.stdout);
    if (next.columns === this.size.columns && next.rows === this.size.rows) return;
    this.repaintPending = true;
    this.size = next;
    for (const listener of this.listeners) listener();
  };
}

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
