/**
 * Every key the TUI understands, as data. Input handling looks commands up here, the footer shows
 * the ones that apply now, and the help overlay is drawn from the same rows, so the three cannot
 * disagree.
 */
import type { SweepPhase } from '../../engine/events.js';
import { allowedAction, type TrialAction } from '../../engine/trial/actions.js';
import type { TrialState } from '../../plugin-api/trial-state.js';

/** Where the keys go: the screen, or the overlay on top of it. */
export type KeyContext = 'table' | 'log' | 'help' | 'confirm' | 'filter' | 'search' | 'form' | 'compare' | 'analysis' | 'front';

export type CommandId =
  | 'nav.up'
  | 'nav.down'
  | 'nav.pageUp'
  | 'nav.pageDown'
  | 'nav.top'
  | 'nav.bottom'
  | 'detail.toggle'
  | 'trial.mark'
  | 'compare.open'
  | 'analysis.open'
  | 'analysis.previous'
  | 'analysis.next'
  | 'analysis.plot'
  | 'front.open'
  | 'front.move'
  | 'front.pair'
  | 'front.select'
  | 'log.open'
  | 'trial.pause'
  | 'trial.kill'
  | 'trial.promote'
  | 'sweep.parallelUp'
  | 'sweep.parallelDown'
  | 'sort.cycle'
  | 'sort.reverse'
  | 'filter.open'
  | 'search.open'
  | 'plot.cycleMetric'
  | 'trial.new'
  | 'help.open'
  | 'overlay.close'
  | 'app.quit'
  | 'app.stop'
  | 'app.interrupt'
  | 'log.follow'
  | 'log.stream'
  | 'log.wrap'
  | 'log.close'
  | 'confirm.yes'
  | 'confirm.no'
  | 'confirm.detach'
  | 'filter.toggle'
  | 'filter.all'
  | 'text.submit'
  | 'text.backspace'
  | 'form.next'
  | 'form.previous';

/** What a binding may look at to decide whether it applies (and how the footer words it). */
export interface BindingScope {
  selectedState: TrialState | null;
  selectedPromoted: boolean;
  phase: SweepPhase;
  /** Nothing can be asked of the sweep: it finished, or its controller is lost. */
  finished: boolean;
  /** The TUI is a client of a controller elsewhere: leaving it does not stop the sweep. */
  detachable: boolean;
  /** The TUI only watches (`attach`): Ctrl-C leaves it, as `q` does. */
  viewer?: boolean;
  /** The question "stop the sweep?" is open. */
  askingToStop?: boolean;
  /** How many objectives the sweep has: the front view needs two. @default 1 */
  objectives?: number;
}

export interface KeyBinding {
  command: CommandId;
  /** Names from keyName(): 'up', 'j', 'ctrl+c', … */
  keys: readonly string[];
  /** How the keys are written in the footer and help: '↑/k'. */
  label: string;
  /** One line for the help overlay (worded for the scope when it depends on it). */
  help: string | ((scope: BindingScope) => string);
  /** Short word for the footer; bindings without one stay out of the footer. */
  footer?: string | ((scope: BindingScope) => string);
  contexts: readonly KeyContext[];
  /** Applies only when this says so (e.g. pause needs a running or paused trial). */
  when?: (scope: BindingScope) => boolean;
  /** Described in the help by that command's line (`←/→` says what both arrows do), so not listed again. */
  helpedBy?: CommandId;
}

/** Whether the engine would take `action` on the selected trial (trial/actions.ts decides for both). */
const allows = (action: TrialAction) => (s: BindingScope) =>
  !s.finished &&
  s.selectedState !== null &&
  allowedAction(action, { state: s.selectedState, promoted: s.selectedPromoted }, s.phase).allowed;
const pausable = (s: BindingScope) => allows('pause')(s) || allows('resume')(s);
const killable = allows('kill');
const promotable = allows('promote');

export const KEY_TABLE: readonly KeyBinding[] = [
  { command: 'nav.up', keys: ['up', 'k'], label: '↑/k', help: 'select the previous trial', contexts: ['table'], footer: 'move' },
  { command: 'nav.down', keys: ['down', 'j'], label: '↓/j', help: 'select the next trial', contexts: ['table'] },
  { command: 'nav.pageUp', keys: ['pageup'], label: 'PgUp', help: 'one page up', contexts: ['table', 'log'] },
  { command: 'nav.pageDown', keys: ['pagedown'], label: 'PgDn', help: 'one page down', contexts: ['table', 'log'] },
  { command: 'nav.top', keys: ['g', 'home'], label: 'g', help: 'first row', contexts: ['table', 'log'] },
  { command: 'nav.bottom', keys: ['G', 'end'], label: 'G', help: 'last row', contexts: ['table'] },
  {
    command: 'detail.toggle',
    keys: ['enter'],
    label: 'Enter',
    help: 'detail pane on/off; on a trial with runs, its runs in the table',
    contexts: ['table'],
    footer: 'detail',
  },
  { command: 'trial.mark', keys: ['space'], label: 'space', help: 'overlay its curve in the plot', contexts: ['table'], footer: 'mark' },
  {
    command: 'compare.open',
    keys: ['c'],
    label: 'c',
    help: 'compare the marked trials side by side',
    contexts: ['table'],
    footer: 'compare',
  },
  {
    command: 'analysis.open',
    keys: ['a'],
    label: 'a',
    help: 'which parameters matter: importance, parameter vs objective',
    contexts: ['table'],
    footer: 'analysis',
  },
  {
    command: 'front.open',
    keys: ['o'],
    label: 'o',
    help: 'the Pareto front, plotted (2+ objectives)',
    contexts: ['table'],
    when: (s) => (s.objectives ?? 1) >= 2,
    footer: 'front',
  },
  { command: 'log.open', keys: ['l'], label: 'l', help: "the trial's full output", contexts: ['table'], footer: 'log' },
  {
    command: 'trial.pause',
    keys: ['p'],
    label: 'p',
    help: 'pause / resume (GPU memory kept)',
    contexts: ['table', 'log'],
    when: pausable,
    footer: (s) => (s.selectedState === 'paused' ? 'resume' : 'pause'),
  },
  {
    command: 'trial.kill',
    keys: ['x'],
    label: 'x',
    help: 'kill with its children (y/n)',
    contexts: ['table', 'log'],
    when: killable,
    footer: (s) => (s.selectedState === 'queued' ? 'remove' : 'kill'),
  },
  {
    command: 'trial.promote',
    keys: ['P'],
    label: 'P',
    help: 'promote (run next, no pruning)',
    contexts: ['table', 'log'],
    when: promotable,
    footer: 'promote',
  },
  {
    command: 'sweep.parallelUp',
    keys: ['+', '='],
    label: '+',
    help: 'one more trial at a time',
    contexts: ['table'],
    when: (s) => !s.finished,
    footer: 'more',
  },
  {
    command: 'sweep.parallelDown',
    keys: ['-', '_'],
    label: '-',
    help: 'one fewer trial at a time',
    contexts: ['table'],
    when: (s) => !s.finished,
    footer: 'fewer',
  },
  {
    command: 'sort.cycle',
    keys: ['s'],
    label: 's',
    help: 'sort: id, objective (each of several), state, time',
    contexts: ['table'],
    footer: 'sort',
  },
  { command: 'sort.reverse', keys: ['S'], label: 'S', help: 'reverse the sort', contexts: ['table'] },
  { command: 'filter.open', keys: ['f'], label: 'f', help: 'filter by state', contexts: ['table'], footer: 'filter' },
  { command: 'search.open', keys: ['/'], label: '/', help: 'search: 0.01, lr=0.01, lr<0.1', contexts: ['table'], footer: 'search' },
  { command: 'plot.cycleMetric', keys: ['m'], label: 'm', help: 'plot the next metric', contexts: ['table', 'compare'], footer: 'metric' },
  {
    command: 'trial.new',
    keys: ['n'],
    label: 'n',
    help: 'new trial, parameters by hand',
    contexts: ['table'],
    when: (s) => !s.finished,
    footer: 'new',
  },
  { command: 'help.open', keys: ['?'], label: '?', help: 'this help', contexts: ['table', 'log'], footer: 'help' },
  {
    command: 'app.quit',
    keys: ['q'],
    label: 'q',
    help: (s) => (s.detachable ? 'detach: quit, the sweep goes on' : 'quit (stops the sweep, asks y/n)'),
    contexts: ['table'],
    footer: (s) => (s.detachable ? 'detach' : 'quit'),
  },
  {
    command: 'app.stop',
    keys: ['Q'],
    label: 'Q',
    help: (s) => (s.detachable ? 'stop the sweep (asks: y stops, n stays, d detaches)' : 'stop the sweep and quit (asks y/n)'),
    contexts: ['table'],
    when: (s) => !s.finished,
    footer: (s) => (s.detachable ? 'stop' : ''),
  },
  {
    command: 'overlay.close',
    keys: ['escape'],
    label: 'Esc',
    help: 'close overlay / clear search',
    contexts: ['table', 'help', 'filter', 'search', 'form'],
    footer: 'close',
  },
  {
    command: 'app.interrupt',
    keys: ['ctrl+c'],
    label: 'Ctrl-C',
    help: (s) =>
      s.viewer
        ? 'detach: quit, the sweep goes on'
        : s.detachable
          ? 'asks whether to stop the sweep; twice: detach'
          : 'stop and quit; twice: kill now',
    contexts: ['table', 'log', 'help', 'confirm', 'filter', 'search', 'form', 'compare', 'analysis', 'front'],
  },

  { command: 'nav.up', keys: ['up', 'k'], label: '↑/k', help: 'scroll up', contexts: ['log'], footer: 'scroll' },
  { command: 'nav.down', keys: ['down', 'j'], label: '↓/j', help: 'scroll down', contexts: ['log'] },
  { command: 'log.follow', keys: ['G', 'end'], label: 'G', help: 'follow new output', contexts: ['log'], footer: 'follow' },
  {
    command: 'log.stream',
    keys: ['tab'],
    label: 'Tab',
    help: 'switch between stdout and stderr',
    contexts: ['log'],
    footer: 'stdout/stderr',
  },
  { command: 'log.wrap', keys: ['w'], label: 'w', help: 'wrap long lines, or cut them at the edge', contexts: ['log'], footer: 'wrap' },
  { command: 'log.close', keys: ['q', 'escape', 'l'], label: 'q/Esc/l', help: 'back to the table', contexts: ['log'], footer: 'back' },

  { command: 'overlay.close', keys: ['q', '?'], label: 'q/?', help: 'close the help', contexts: ['help'] },
  {
    command: 'overlay.close',
    keys: ['escape', 'c', 'q'],
    label: 'Esc/c',
    help: 'back to the table',
    contexts: ['compare'],
    footer: 'back',
  },
  {
    command: 'analysis.previous',
    keys: ['left', 'h'],
    label: '←/→',
    help: 'the previous / next parameter, in order of importance',
    contexts: ['analysis'],
    footer: 'parameter',
  },
  {
    command: 'analysis.next',
    keys: ['right', 'l'],
    label: '→',
    help: 'the next parameter',
    contexts: ['analysis'],
    helpedBy: 'analysis.previous',
  },
  // Tab, as in the log view, where it switches between two views of the same thing
  {
    command: 'analysis.plot',
    keys: ['tab'],
    label: 'Tab',
    help: 'scatter, or heat map of two parameters',
    contexts: ['analysis'],
    footer: 'scatter/heat map',
  },
  {
    command: 'overlay.close',
    keys: ['escape', 'a', 'q'],
    label: 'Esc/a',
    help: 'back to the table',
    contexts: ['analysis'],
    footer: 'back',
  },
  // one row per pair of directions (the key's name says which): the help stays two columns at 100×30
  {
    command: 'front.move',
    keys: ['up', 'k', 'down', 'j'],
    label: '↑/↓',
    help: 'the previous / next member of the front',
    contexts: ['front'],
    footer: 'move',
  },
  {
    command: 'front.select',
    keys: ['enter'],
    label: 'Enter',
    help: 'that trial in the table, its detail open',
    contexts: ['front'],
    footer: 'select',
  },
  {
    command: 'front.pair',
    keys: ['left', 'h', 'right', 'l'],
    label: '←/→',
    help: 'previous / next pair of objectives (3+)',
    contexts: ['front'],
    when: (s) => (s.objectives ?? 1) >= 3,
    footer: 'pair',
  },
  {
    command: 'overlay.close',
    keys: ['escape', 'o', 'q'],
    label: 'Esc/o',
    help: 'back to the table',
    contexts: ['front'],
    footer: 'back',
  },
  { command: 'confirm.yes', keys: ['y', 'Y'], label: 'y', help: 'yes', contexts: ['confirm'], footer: 'yes' },
  { command: 'confirm.no', keys: ['n', 'N', 'escape', 'q'], label: 'n/Esc', help: 'no', contexts: ['confirm'], footer: 'no' },
  {
    command: 'confirm.detach',
    keys: ['d', 'D'],
    label: 'd',
    help: 'detach: quit, the sweep goes on',
    contexts: ['confirm'],
    when: (s) => !!s.askingToStop && s.detachable,
    footer: 'detach',
  },
  { command: 'nav.up', keys: ['up', 'k'], label: '↑/k', help: 'previous state', contexts: ['filter'], footer: 'move' },
  { command: 'nav.down', keys: ['down', 'j'], label: '↓/j', help: 'next state', contexts: ['filter'] },
  {
    command: 'filter.toggle',
    keys: ['space', 'x'],
    label: 'space',
    help: 'show / hide trials in this state',
    contexts: ['filter'],
    footer: 'toggle',
  },
  { command: 'filter.all', keys: ['a'], label: 'a', help: 'show every state', contexts: ['filter'], footer: 'all' },
  { command: 'overlay.close', keys: ['enter', 'f'], label: 'Enter', help: 'done', contexts: ['filter'], footer: 'done' },
  { command: 'text.submit', keys: ['enter'], label: 'Enter', help: 'apply', contexts: ['search', 'form'], footer: 'apply' },
  { command: 'text.backspace', keys: ['backspace'], label: '⌫', help: 'delete a character', contexts: ['search', 'form'] },
  { command: 'form.next', keys: ['tab', 'down'], label: 'Tab/↓', help: 'next field', contexts: ['form'], footer: 'next field' },
  { command: 'form.previous', keys: ['shift+tab', 'up'], label: '↑', help: 'previous field', contexts: ['form'] },
];

export function commandFor(context: KeyContext, name: string): CommandId | undefined {
  return KEY_TABLE.find((b) => b.contexts.includes(context) && b.keys.includes(name))?.command;
}

export function helpText(binding: KeyBinding, scope: BindingScope): string {
  return typeof binding.help === 'function' ? binding.help(scope) : binding.help;
}
