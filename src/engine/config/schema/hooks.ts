/**
 * `hooks:` in the sweep file: a command to run when something happens to the sweep (docs/hooks.md).
 * Each event's hook is a command as `command:` is written (a string split like it, or a list), or
 * `{command, shell, timeout}`. Every hook is read as that last form, defaults filled in.
 */
import { byKind, mapping, option, shaped, v } from '../../../plugin-api/schema.js';
import { nearest } from '../nearest.js';
import { command, COMMAND } from './command.js';
import { duration, expects, fields, flag } from './values.js';

/** The events a hook may be set for, in the order the docs list them. */
export const HOOK_EVENTS = [
  'on_trial_start',
  'on_trial_end',
  'on_new_best',
  'on_failure',
  'on_pruned',
  'on_sweep_end',
  'on_stall',
] as const;

export type HookEvent = (typeof HOOK_EVENTS)[number];

/** 30 s: long enough for a webhook over a slow link, short enough that a hung one is noticed. */
export const HOOK_TIMEOUT_DEFAULT = '30s';
const DEFAULT_TIMEOUT_MS = 30_000;

/** `unknown hook event 'on_stal' (did you mean 'on_stall'?); the events: …`: every name, since there are few. */
export function unknownEvent(name: string, known: readonly string[] = HOOK_EVENTS): string {
  const guess = nearest(name, known);
  return `unknown hook event '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; the events: ${known.join(', ')}`;
}

const HOOK = `${COMMAND}, or {command, shell, timeout}`;

const spelled = fields(
  {
    command: option(command, { missing: COMMAND, description: 'the command: a string split as `command:` is, or a list of arguments' }),
    shell: option(flag(), {
      default: false,
      description: 'run it through /bin/sh -c, every substituted value single-quoted (as `shell:` does for trials)',
    }),
    timeout: option(duration(), {
      default: HOOK_TIMEOUT_DEFAULT,
      description: "after this the hook's process group is killed and the hook counts as failed",
    }),
  },
  HOOK,
);

/** A bare command (a string or a list) is `{command}` with the defaults. */
const bare = v.pipe(
  command,
  v.transform((written) => ({ command: written, shell: false, timeout: DEFAULT_TIMEOUT_MS })),
);

const hook = shaped(byKind({ string: bare, list: bare, mapping: spelled }, expects(HOOK)), HOOK);

const DESCRIPTIONS: Record<HookEvent, string> = {
  on_trial_start: 'a trial started (each attempt)',
  on_trial_end: 'a trial ended, in any state (each attempt; its state and reason are in the event)',
  on_new_best: 'a completed trial strictly improved on the best (several objectives: joined the Pareto front)',
  on_failure: 'a trial failed',
  on_pruned: 'a trial was pruned',
  on_sweep_end: 'the sweep ended (ran out of trials, a stop rule, or `sweeptop stop`): its stop reason and best trial',
  on_stall: 'a running trial was flagged silent (once per silence)',
};

const on = (event: HookEvent) => option(hook, { unset: 'none', description: DESCRIPTIONS[event] });
const entries = {
  on_trial_start: on('on_trial_start'),
  on_trial_end: on('on_trial_end'),
  on_new_best: on('on_new_best'),
  on_failure: on('on_failure'),
  on_pruned: on('on_pruned'),
  on_sweep_end: on('on_sweep_end'),
  on_stall: on('on_stall'),
} satisfies Record<HookEvent, unknown>;

export const hooks = shaped(
  mapping(entries, {
    notMapping: expects('a mapping of events (on_new_best, on_sweep_end, …) to commands'),
    unknownKey: (key, known) => unknownEvent(key, known),
    blankIsAbsent: true,
  }),
  'a mapping of events to commands',
);
