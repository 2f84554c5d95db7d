/**
 * What hooks put in JSON, declared once as the commands' outputs are (shapes.ts): the event on a
 * hook's standard input, which the hook runner builds with the types derived from here and the
 * reference lists after the commands' outputs, and the last hook failure `status --json` reports.
 */
import * as v from 'valibot';
import { HOOK_EVENTS } from '../../engine/config/schema/hooks.js';
import { jsonOutput } from './json-output.js';
import { about, integer, jsonNumber, paramValue, trialState } from './trial-row-shape.js';

/** A trial as a hook's event gives it. */
const HOOK_TRIAL = {
  id: about(integer, "the trial's id"),
  attempt: about(integer, '0 for its first run; a retry runs the same id again'),
  state: about(trialState, 'its state'),
  params: about(v.record(v.string(), paramValue), 'the parameter values it ran with'),
  objective: about(v.nullable(jsonNumber), 'its objective (the first, in a sweep of several)'),
  objectives: about(
    v.optional(v.record(v.string(), v.nullable(jsonNumber))),
    'a sweep of several objectives: each objective by name (null: not reported)',
  ),
  reason: about(v.nullable(v.string()), 'why it ended so'),
  exit_code: about(v.nullable(integer), "its process's exit code"),
  signal: about(v.nullable(v.string()), 'the signal that ended its process'),
  duration_s: about(v.number(), 'seconds it ran, paused time excluded'),
  dir: about(v.string(), 'its folder (stdout.log, stderr.log, params.json)'),
  command: about(v.string(), 'its command line, quoted for a POSIX shell'),
};

/**
 * The event a hook gets on its standard input (docs/hooks.md). Not a command's output, so not in
 * JSON_OUTPUTS; the reference lists it after them.
 */
export const HOOK_EVENT_JSON = jsonOutput({
  command: "hooks (the event on each hook's stdin)",
  layout: 'document',
  version: 1,
  summary: "the event a hook was run for, as JSON on the hook's standard input",
  records: {
    event: {
      event: about(v.picklist(HOOK_EVENTS), 'the event'),
      time: about(v.number(), 'when it happened (unix ms)'),
      sample: about(v.boolean(), 'true when `sweeptop hooks test` made it up: no sweep ran'),
      sweep: about(
        v.strictObject({
          name: about(v.string(), "the sweep's name"),
          dir: about(v.string(), 'its directory'),
          phase: about(v.picklist(['running', 'stopping', 'finished']), 'running, stopping (a stop was asked), finished'),
          stop_reason: about(v.nullable(v.string()), 'why it stopped launching or ended, once it has'),
          best_trial_id: about(v.nullable(integer), 'its best completed trial (the first objective), if any'),
          trials_target: about(integer, 'how many trials it runs'),
        }),
        'the sweep',
      ),
      trial: about(
        v.nullable(v.pipe(v.strictObject(HOOK_TRIAL), v.title('hook trial'))),
        'the trial the event is about; on_sweep_end: the best trial (null without one, and in a sweep of several objectives)',
      ),
      objective: about(v.nullable(jsonNumber), "the trial's objective, as {objective} and SWEEPTOP_OBJECTIVE give it"),
      state: about(v.nullable(trialState), "the trial's state, as {state} gives it"),
      reason: about(
        v.nullable(v.string()),
        "as {reason} gives it: the trial's reason; on_sweep_end the stop reason; on_stall how long it has been silent",
      ),
      front: about(
        v.optional(v.array(integer)),
        'on_sweep_end of a sweep of several objectives: the Pareto front, best first by the first objective',
      ),
      run: about(v.optional(v.nullable(integer)), 'on_stall: the silent run of a trial with folds or repeats; null for the trial itself'),
      silent_since: about(v.optional(v.number()), 'on_stall: unix ms of its last output'),
    },
  },
});

/** The last hook that failed, as `status --json` gives it. */
export const HOOK_FAILURE = v.pipe(
  v.strictObject({
    event: about(v.picklist(HOOK_EVENTS), "the hook's event"),
    time: about(v.number(), 'when it ended (unix ms)'),
    command: about(v.string(), 'its command, quoted for a POSIX shell'),
    exit_code: about(v.nullable(integer), 'its exit status; null when a signal ended it or it never started'),
    signal: about(v.nullable(v.string()), 'the signal that ended it'),
    timed_out: about(v.boolean(), 'killed, with its process group, at its timeout'),
    error: about(v.nullable(v.string()), 'why it could not start (spawn ENOENT); null when it ran'),
    stderr_tail: about(v.array(v.string()), 'its last lines of stderr'),
  }),
  v.title('hook failure'),
);
