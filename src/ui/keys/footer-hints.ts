/** Which bindings the footer shows, in what order: drawn from the key table, as the help is. */
import { KEY_TABLE, type BindingScope, type CommandId, type KeyBinding, type KeyContext } from './key-table.js';

/**
 * The footer is narrow (80 columns): actions on the selected trial come first, then what changes
 * the view; the rest of a context's bindings follow in table order. Help is always shown, at the end.
 */
const FOOTER_FIRST: readonly CommandId[] = [
  'trial.pause',
  'trial.kill',
  'trial.promote',
  'confirm.yes',
  'confirm.no',
  'confirm.detach',
  'log.close',
  'log.follow',
  'detail.toggle',
  'log.open',
  'trial.mark',
  'sweep.parallelUp',
  'sweep.parallelDown',
  // how to leave comes before what a narrow footer can spare
  'app.quit',
  'app.stop',
  'compare.open',
  'analysis.open',
  'front.open',
];

/** The bindings to show in the footer for this context, worded for the current selection. */
export function footerHints(context: KeyContext, scope: BindingScope): { label: string; text: string }[] {
  const rank = (b: KeyBinding) => {
    const i = FOOTER_FIRST.indexOf(b.command);
    return i === -1 ? FOOTER_FIRST.length + KEY_TABLE.indexOf(b) : i;
  };
  return KEY_TABLE.filter((b) => b.contexts.includes(context) && b.footer && b.command !== 'help.open' && (!b.when || b.when(scope)))
    .sort((a, b) => rank(a) - rank(b))
    .map((b) => ({ label: b.label, text: typeof b.footer === 'function' ? b.footer(scope) : (b.footer as string) }))
    .filter((hint) => hint.text !== '');
}
