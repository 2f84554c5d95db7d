/**
 * Turns Ink's (input, key) pair into one name the key table can match: 'up', 'pagedown', 'enter',
 * 'escape', 'space', 'ctrl+c', 'shift+tab', or the typed character itself ('j', 'G', '+', '?').
 */
import type { Key } from 'ink';

export function keyName(input: string, key: Key): string {
  // Ink 6 reports Esc as escape + meta; check it before anything that looks at meta.
  if (key.escape) return 'escape';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** A printable character a text field should take (not a control key). */
export function isPrintable(input: string, key: Key): boolean {
  return input.length > 0 && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab && !/[\x00-\x1f\x7f]/.test(input);
}

/**
 * Ink hands over a burst of characters as one string: a paste, or keys that arrived together (over
 * SSH, or from `tmux send-keys`) — Enter and Backspace included, as raw bytes. Each character is
 * made a key press of its own, so "jjx" moves twice and asks to kill, and text fields get pastes.
 */
export function splitPresses(input: string, key: Key): { name: string; text: string }[] {
  if (input.length <= 1 || key.meta || key.escape) {
    return [{ name: keyName(input, key), text: isPrintable(input, key) ? input : '' }];
  }
  return [...input].map(rawPress);
}

function rawPress(char: string): { name: string; text: string } {
  if (char === '\r' || char === '\n') return { name: 'enter', text: '' };
  if (char === '\x7f' || char === '\b') return { name: 'backspace', text: '' };
  if (char === '\t') return { name: 'tab', text: '' };
  if (char === ' ') return { name: 'space', text: ' ' };
  const code = char.charCodeAt(0);
  if (code >= 1 && code <= 26) return { name: `ctrl+${String.fromCharCode(code + 96)}`, text: '' };
  if (code < 32 || code === 127) return { name: '', text: '' };
  return { name: char, text: char };
}
