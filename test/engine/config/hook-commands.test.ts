import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { renderCommand } from '../../../src/engine/template/command.js';
import { hookVars } from '../../../src/cli/hooks/hook-event.js';

const load = (text: string) => parseSweepText('sweep.yaml', '/work/x/sweep.yaml', text);
const sweep = (hooks: string) => `command: python t.py --lr {lr}
parameters:
  lr: {type: uniform, low: 0.1, high: 0.2}
  note: {type: choice, values: [a, b]}
trials: 2
metric: acc
hooks:
${hooks}`;

const error = (text: string) => {
  try {
    load(text);
  } catch (caught) {
    return (caught as Error).message;
  }
  return 'no error';
};

describe('hooks: in the sweep file', () => {
  it('reads a string, an argv list and {command, shell, timeout}, with their defaults', () => {
    const { config, hooks } = load(
      sweep(`  on_new_best: notify-send "best {objective}"
  on_failure: [mail, -s, "trial {trial.id} failed", me@example.org]
  on_sweep_end: {command: 'curl -s -d @- "$HOOK_URL"', shell: true, timeout: 5s}`),
    );
    expect(config.hooks).toMatchObject({
      on_new_best: { shell: false, timeout: 30_000 },
      on_failure: { shell: false, timeout: 30_000 },
      on_sweep_end: { shell: true, timeout: 5000 },
    });
    expect(Object.keys(hooks)).toEqual(['on_new_best', 'on_failure', 'on_sweep_end']);
  });

  it('refuses an unknown event at its line, listing the events', () => {
    expect(error(sweep('  on_succes: echo done'))).toMatch(
      /^sweep\.yaml:8:3: hooks\.on_succes: unknown hook event 'on_succes'; the events: /,
    );
    expect(error(sweep('  on_stal: echo done'))).toContain(
      "unknown hook event 'on_stal' (did you mean 'on_stall'?); the events: on_trial_start,",
    );
    expect(error(sweep('  on_finish: echo done'))).toBe(
      "sweep.yaml:8:3: hooks.on_finish: unknown hook event 'on_finish'; the events: on_trial_start, on_trial_end, on_new_best, on_failure, on_pruned, on_sweep_end, on_stall",
    );
  });

  it('checks placeholders as the command does, with the hooks’ own', () => {
    expect(error(sweep('  on_pruned: echo {trial.id} {objectve}'))).toMatch(
      /^sweep\.yaml:8:14: hooks\.on_pruned: placeholder \{objectve\} matches no parameter; parameters: lr, note \(also \{event\}, \{objective\}, \{state\}, \{reason\},/,
    );
    expect(error(sweep('  on_pruned: echo {fold}'))).toContain('hooks.on_pruned: {fold} needs folds: N');
    expect(error(sweep('  on_pruned: {command: \'echo "{reason}"\', shell: true}'))).toContain(
      'with shell: true every value is quoted for you; remove the quotes around {reason}',
    );
    expect(error(sweep('  on_pruned: {command: echo, timeout: soon}'))).toContain('hooks.on_pruned.timeout: expected a duration');
  });

  it('fills a value in one argv item, or single-quoted for a shell, whatever it holds', () => {
    const hostile = `'; rm -rf ~ $(touch x) "q"\nline`;
    const { hooks, config } = load(
      sweep(`  on_failure: echo {note} {reason}
  on_pruned: {command: 'echo {note} {reason}', shell: true}`),
    );
    const trial = {
      id: 3,
      attempt: 0,
      params: { lr: 0.1, note: hostile },
      objective: null,
      state: 'failed',
      reason: 'exit code 1',
      dir: '/s/trials/3',
    };
    const occasion = {
      event: 'on_failure' as const,
      sweep: { name: 's', dir: '/s', phase: 'running' as const, stopReason: null, bestTrialId: null, trialsTarget: 2 },
      trial: trial as never,
    };
    expect(renderCommand(hooks.on_failure!.command, hookVars(occasion, config.parameters))).toEqual(['echo', hostile, 'exit code 1']);
    const [sh, flag, line] = renderCommand(hooks.on_pruned!.command, hookVars(occasion, config.parameters));
    expect([sh, flag]).toEqual(['/bin/sh', '-c']);
    // the trial command's quoting (a real shell runs it in test/cli/hooks/hook-runner.process.test.ts)
    expect(line).toBe(`echo "'"'; rm -rf ~ $(touch x) "q"\nline' 'exit code 1'`);
  });

  it('gives a parameter the trial lacks, and a trial there is not, as empty', () => {
    const { hooks, config } = load(sweep('  on_sweep_end: echo {trial.id}/{note}/{objective}/{reason}'));
    const occasion = {
      event: 'on_sweep_end' as const,
      sweep: { name: 's', dir: '/s', phase: 'finished' as const, stopReason: 'stopped', bestTrialId: null, trialsTarget: 2 },
      trial: null,
      reason: 'stopped',
    };
    expect(renderCommand(hooks.on_sweep_end!.command, hookVars(occasion, config.parameters))).toEqual(['echo', '///stopped']);
  });
});
