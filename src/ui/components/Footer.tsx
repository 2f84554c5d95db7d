/** The keys that apply now, from the key table, as many as fit; `? help` always at the end. */
import { Text } from 'ink';
import { footerHints } from '../keys/footer-hints.js';
import type { BindingScope, KeyContext } from '../keys/key-table.js';
import { cellWidth } from '../format/text.js';
import { paint } from '../theme/paint.js';
import { useTheme } from '../theme/ThemeContext.js';

export function Footer({ context, scope, width }: { context: KeyContext; scope: BindingScope; width: number }) {
  const theme = useTheme();
  const help = context === 'table' || context === 'log' ? { label: '?', text: 'help' } : null;
  const reserve = help ? cellWidth(`${help.label} ${help.text}`) + 2 : 0;
  const shown: { label: string; text: string }[] = [];
  let used = 0;
  for (const hint of footerHints(context, scope)) {
    const w = cellWidth(`${hint.label} ${hint.text}`) + 2;
    if (used + w + reserve > width) break;
    shown.push(hint);
    used += w;
  }
  if (help) shown.push(help);
  const line = shown.map((hint) => `${paint(hint.label, theme.key, true)} ${hint.text}`).join('  ');
  return <Text wrap="truncate">{line}</Text>;
}
