/**
 * The sweep file's hooks, each compiled as the trial command is (template/command.ts): split
 * before values are substituted, every value one argv item, or single-quoted with `shell: true`.
 * A hook's placeholders are the trial's and a few of its own, all checked here, before anything runs.
 */
import { compileCommand, TemplateError, type CompiledCommand } from '../template/command.js';
import { HOOK_EVENTS, type HookEvent } from './schema/hooks.js';
import type { ConfigSource } from './source.js';
import type { SweepConfig } from './sweep-config.js';

/** What a hook may say besides a trial's placeholders: which event, and how things ended. */
export const HOOK_PLACEHOLDERS = ['event', 'objective', 'state', 'reason'] as const;

export interface CompiledHook {
  event: HookEvent;
  command: CompiledCommand;
  timeoutMs: number;
}

export type CompiledHooks = Partial<Record<HookEvent, CompiledHook>>;

const LISTED =
  '{event}, {objective}, {state}, {reason}, {trial.id}, {trial.attempt}, {trial.dir}, {sweep.dir}, {sweep.name}, {args}, {args_hydra}, {args_json_file}';

export function compileHooks(config: Pick<SweepConfig, 'hooks' | 'parameters' | 'argsStyle'>, source: ConfigSource): CompiledHooks {
  const compiled: CompiledHooks = {};
  for (const event of HOOK_EVENTS) {
    const hook = config.hooks[event];
    if (!hook) continue;
    try {
      const command = compileCommand(
        hook.command,
        hook.shell,
        config.parameters.map((p) => p.name),
        config.argsStyle,
        [],
        // a parameter absent from the trial (or no trial: on_sweep_end without a best) is ''
        new Map(),
        { names: HOOK_PLACEHOLDERS, listed: LISTED },
      );
      compiled[event] = { event, command, timeoutMs: hook.timeout };
    } catch (error) {
      if (error instanceof TemplateError) throw source.error(['hooks', event], error.message);
      throw error;
    }
  }
  return compiled;
}
