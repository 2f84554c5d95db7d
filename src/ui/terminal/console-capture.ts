/**
 * While the TUI owns the screen, anything printed with console.* (a plugin's debug line, a
 * library's warning) would land in the middle of the frame. It is shown on the status line instead
 * (Ink's own console patch would reprint the frame below it, which the alternate screen and the
 * frame anchoring of output-proxy.ts do not allow). Returns a function that puts console back.
 */
import { format } from 'node:util';

type Level = 'info' | 'warn' | 'error';
const METHODS: [keyof Console, Level][] = [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
];

export function captureConsole(show: (level: Level, text: string) => void): () => void {
  const originals = METHODS.map(([method]) => [method, console[method]] as const);
  for (const [method, level] of METHODS) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const text = format(...args).split('\n')[0];
      if (text.trim() !== '') show(level, text);
    };
  }
  return () => {
    for (const [method, original] of originals) (console as unknown as Record<string, unknown>)[method] = original;
  };
}
