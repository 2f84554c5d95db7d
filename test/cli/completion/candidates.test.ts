/**
 * What completion offers after the words typed so far, from the command table itself: commands,
 * the options `--help` lists, choices, sweep directories and the trials an action may act on.
 */
import { describe, expect, it } from 'vitest';
import { command, flag, type CommandDeclaration } from '../../../src/cli/args/declare.js';
import { commandHelp } from '../../../src/cli/args/help.js';
import { COMMAND_TABLE } from '../../../src/cli/command-table.js';
import { completionCandidates, type CompletionSources } from '../../../src/cli/completion/candidates.js';

const asked: Array<[string, string]> = [];
const sources: CompletionSources = {
  cwd: '/home/me/project',
  sweepDirs: async () => ['/home/me/project/sweeps/lr-20260101-120000', '/data/other/sweep'],
  sweepHere: async () => '/home/me/project/sweeps/lr-20260101-120000',
  trialIds: async (dir, action) => {
    asked.push([dir, action]);
    return action === 'pause' ? [3, 7, 12] : [1];
  },
};
const complete = (...words: string[]) => completionCandidates(COMMAND_TABLE, words, sources);

describe('completion candidates', () => {
  it('completes a command name from the table, never a hidden one', async () => {
    expect(await complete('at')).toEqual(['attach']);
    const all = await complete('');
    expect(all).toEqual([...COMMAND_TABLE.filter((c) => !c.hidden).map((c) => c.name), '--help', '--version']);
    expect(all.some((name) => name.startsWith('__'))).toBe(false);
  });

  it('offers a command added to the table without any other change', async () => {
    const clean = command({ name: 'clean', summary: 'free disk', positionals: [], options: { 'dry-run': flag('say only') } });
    const table: CommandDeclaration[] = [...COMMAND_TABLE, clean];
    expect(await completionCandidates(table, ['cl'], sources)).toEqual(['clean']);
    expect(await completionCandidates(table, ['clean', '--d'], sources)).toEqual(['--dry-run']);
  });

  it("offers exactly the options each command's --help lists", async () => {
    for (const declaration of COMMAND_TABLE.filter((c) => !c.hidden && !c.actions)) {
      const inHelp = [...commandHelp(declaration).matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
      expect((await complete(declaration.name, '--')).sort(), declaration.name).toEqual(inHelp.sort());
    }
  });

  it("offers an option's choices as its value, and no option twice unless it repeats", async () => {
    expect(await complete('export', '--format', '')).toEqual(['csv', 'json', 'optuna']);
    expect(await complete('export', '--f')).toEqual(['--format', '--force']);
    expect(await complete('run', '--headless', '--h')).toEqual(['--help']);
    expect(await complete('run', '--warm-start', 'a', '--w')).toEqual(['--warm-start']);
    // a value the shell completes as a file name: nothing from us
    expect(await complete('export', '--output', '')).toEqual([]);
  });

  it("offers the registry's sweep directories, relative to the current folder when inside it", async () => {
    const dirs = ['sweeps/lr-20260101-120000', '/data/other/sweep'];
    for (const name of ['attach', 'status', 'resume', 'best', 'stop', 'replay']) expect(await complete(name, '')).toEqual(dirs);
    expect(await complete('attach', 'sw')).toEqual(['sweeps/lr-20260101-120000']);
    expect(await complete('status', '/')).toEqual(['/home/me/project/sweeps/lr-20260101-120000', '/data/other/sweep']);
    // a sweep file or a log file: the shell's file names
    expect(await complete('run', '')).toEqual([]);
    expect(await complete('metrics', '')).toEqual([]);
  });

  it('offers the shells to completion', async () => {
    expect(await complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it("offers ctl's sweeps and actions, then the trials the action may act on in the sweep named or meant", async () => {
    const actions = ['pause', 'resume', 'kill', 'promote', 'parallel', 'trials', 'add'];
    expect(await complete('ctl', '')).toEqual(['sweeps/lr-20260101-120000', '/data/other/sweep', ...actions]);
    expect(await complete('ctl', 'sweeps/x', '')).toEqual(actions);
    asked.length = 0;
    expect(await complete('ctl', 'sweeps/x', 'pause', '')).toEqual(['3', '7', '12']);
    expect(await complete('ctl', 'sweeps/x', 'pause', '3', '1')).toEqual(['12']);
    expect(await complete('ctl', 'kill', '')).toEqual(['1']);
    expect(asked).toEqual([
      ['sweeps/x', 'pause'],
      ['sweeps/x', 'pause'],
      ['/home/me/project/sweeps/lr-20260101-120000', 'kill'],
    ]);
    expect(await complete('ctl', 'sweeps/x', 'add', '--')).toEqual(['--param', '--from', '--help']);
    expect(await complete('ctl', 'sweeps/x', 'parallel', '')).toEqual([]);
  });

  it('offers nothing after an unknown command', async () => {
    expect(await complete('atach', '')).toEqual([]);
  });
});
