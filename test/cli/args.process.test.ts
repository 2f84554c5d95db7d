import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HELP_OPTION, type ActionDeclaration } from '../../src/cli/args/declare.js';
import { allOptions, commandHelp, optionLabel, usageLine } from '../../src/cli/args/help.js';
import { parseCommandArgs } from '../../src/cli/args/parse.js';
import { COMMAND_LOADERS } from '../../src/cli/command-loaders.js';
import { COMMAND_TABLE, CTL_ADD, CTL_TRIAL_ACTIONS, EXPORT, REPLAY, RESUME, RUN } from '../../src/cli/command-table.js';
import { runCli } from '../helpers/cli.js';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('parsing from a declaration', () => {
  it('gives typed values, with defaults for what was not given', () => {
    expect(parseCommandArgs(RUN, [])).toEqual({
      options: { dir: undefined, 'warm-start': [], headless: false, detach: false, 'dry-run': false },
      args: { FILE: undefined },
    });
    expect(parseCommandArgs(RESUME, ['d', '--trials=12', '--detach'])).toEqual({
      options: { detach: true, headless: false, trials: 12 },
      args: { DIR: 'd' },
    });
    const replay = parseCommandArgs(REPLAY, ['src', '--pruner', 'asha', '--set', 'a=1', '--set', 'b=2', '--goal', 'maximize']);
    expect(replay.options).toMatchObject({ pruner: 'asha', set: ['a=1', 'b=2'], goal: 'maximize', concurrency: 1, json: false });
    expect(parseCommandArgs(EXPORT, ['d', '-o', 'rows.json']).options).toEqual({
      format: undefined,
      output: 'rows.json',
      runs: false,
      storage: undefined,
      force: false,
    });
    expect(parseCommandArgs(CTL_TRIAL_ACTIONS[0], ['0', '7']).args).toEqual({ TRIAL: [0, 7] });
  });

  it.each([
    [RUN, ['--dryrun'], "unknown option '--dryrun'; did you mean '--dry-run'?"],
    [RUN, ['--headles'], "unknown option '--headles'; did you mean '--headless'?"],
    [RUN, ['--zzzzzzzz'], "unknown option '--zzzzzzzz'; valid: --dir, --warm-start, --headless, --detach, --dry-run, --help"],
    [EXPORT, ['d', '-x'], "unknown option '-x'; valid: --format, --output, --runs, --storage, --force, --help"],
    [EXPORT, ['d', '--format', 'x'], '--format: expected csv, json or optuna, got "x"'],
    [EXPORT, ['d', '--format'], "Option '--format <value>' argument missing"],
    [RESUME, [], 'DIR: expected one sweep directory, got 0'],
    [EXPORT, ['a', 'b'], 'DIR: expected at most one sweep directory, got 2'],
    [RESUME, ['d', '--trials', '1e3'], '--trials: expected an integer >= 1, got "1e3"'],
    [RESUME, ['d', '--trials', '0'], '--trials: expected an integer >= 1, got "0"'],
    [RESUME, ['d', '--detach=yes'], "Option '--detach' does not take an argument"],
    [CTL_TRIAL_ACTIONS[2], ['-1'], 'TRIAL: expected an integer >= 0, got "-1"'],
    [CTL_TRIAL_ACTIONS[2], [], 'TRIAL: expected at least one trial id, got 0'],
    [CTL_ADD, ['lr=1'], 'unexpected argument "lr=1"'],
  ] as Array<[ActionDeclaration, string[], string]>)(
    '%#: refuses with one line naming the argument, then the usage',
    (declaration, argv, message) => {
      const text = refusal(() => parseCommandArgs(declaration, argv));
      expect(text).toBe(`${message}\nusage: ${usageLine(declaration)}`);
    },
  );
});

describe('the command table', () => {
  it('declares every option with a description and a default', () => {
    for (const declaration of COMMAND_TABLE) {
      for (const { name, option } of allOptions(declaration)) {
        expect(option.description, `${declaration.name} --${name}`).not.toBe('');
        expect(option.required ?? option.defaultText, `${declaration.name} --${name}`).toMatch(/^(?!undefined$)\S/);
      }
    }
  });

  it('writes usage lines as the docs have them', () => {
    expect(usageLine(RUN)).toBe('sweeptop run [FILE] [--dir DIR] [--warm-start DIR]... [--headless] [--detach] [--dry-run]');
    expect(usageLine(EXPORT)).toBe('sweeptop export [DIR] [--format csv|json|optuna] [-o FILE] [--runs] [--storage FILE] [--force]');
    expect(usageLine(REPLAY)).toBe(
      'sweeptop replay SOURCE --pruner TYPE [--set key=value]... [--metric NAME] [--goal minimize|maximize] [--concurrency N] [--reduction-factor η] [--config sweep.yaml] [--json]',
    );
  });

  it("puts every option, its default, and the command's arguments in its --help", () => {
    for (const declaration of COMMAND_TABLE) {
      const help = commandHelp(declaration);
      expect(help.split('\n')[0]).toBe(`usage: ${usageLine(declaration)}`);
      for (const positional of declaration.positionals) expect(help).toContain(`  ${positional.name}  `);
      for (const { name, option } of allOptions(declaration)) {
        const line = help.split('\n').find((l) => l.startsWith(`  ${optionLabel(name, option)} `));
        expect(line, `${declaration.name} --${name}`).toMatch(
          option.required ? / \[required\]$/ : new RegExp(` \\[default: ${escape(option.defaultText)}\\]$`),
        );
      }
      expect(help).toContain(`  ${optionLabel('help', HELP_OPTION)}  `);
    }
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('sweeptop', () => {
  it('answers `CMD --help` for every command without running it', { timeout: 90_000 }, async () => {
    for (const declaration of COMMAND_TABLE) {
      const help = await runCli([declaration.name, 'no-such-dir', '--help']);
      expect([help.code, help.stdout, help.stderr], declaration.name).toEqual([0, commandHelp(declaration), '']);
    }
  });

  it('parses every command with its declaration: an unknown option is refused before anything runs', async () => {
    expect(Object.keys(COMMAND_LOADERS).sort()).toEqual(COMMAND_TABLE.map((c) => c.name).sort());
    for (const [name, load] of Object.entries(COMMAND_LOADERS)) {
      const run = await load();
      const stderr = new PassThrough();
      let said = '';
      stderr.on('data', (chunk) => (said += chunk));
      // metrics and replay print their own errors; the others leave that to main.ts
      const outcome = await run(['--jsn'], { stdout: new PassThrough(), stderr }).then(
        (code) => `${code} ${said}`,
        (error: Error) => error.message,
      );
      expect(outcome, name).toMatch(/unknown option '--jsn'/);
    }
  });

  it('says "did you mean" for a mistyped option, and prints the usage', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--dryrun']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      "sweeptop: unknown option '--dryrun'; did you mean '--dry-run'?\nusage: sweeptop run [FILE] [--dir DIR] [--warm-start DIR]... [--headless] [--detach] [--dry-run]\n",
    );
  });

  it('lists every command but the hidden one in its usage', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const declaration of COMMAND_TABLE) expect(stdout.includes(`  ${declaration.name} `), declaration.name).toBe(!declaration.hidden);
  });
});
