import { useSyncExternalStore } from 'react';
import type { TerminalSize, TerminalSizeSource } from '../terminal/terminal-size.js';

/** Ink 6 has no useWindowSize; the size comes from a TerminalSizeSource made before render(). */
export function useTerminalSize(source: TerminalSizeSource): TerminalSize {
  return useSyncExternalStore(source.subscribe, source.get);
}
