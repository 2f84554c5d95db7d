import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileCommand, quoteArgv, renderCommand, TemplateError, type TrialVars } from '../../../src/engine/template/command.js';
import { TRAINER } from '../../helpers/sweep.js';

const HOSTILE = [
  '; rm -rf ~',
  '$(id)',
  '`id`',
  "it's",
  '"quoted"',
  'two words',
  'line\nbreak',
  'λ ünïcødé 🚀',
  '*',
  '--flag',
  '',
  '$HOME',
  '\\',
];

function vars(params: TrialVars['params']): TrialVars {
  return { params, trialId: 7, attempt: 0, trialDir: '/s/trials/7', sweepDir: '/s', sweepName: 'x', paramsFile: '/s/trials/7/params.json' };
}

/** What a real program receives as argv. */
function received(argv: string[]): string[] {
  const out = execFileSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  return JSON.parse(out.split('\n')[0].replace(/^argv /, '')) as string[];
}

describe('command templates', () => {
  it('splits with POSIX quoting, substitutes after splitting, keeps {{ }} literal', () => {
    const c = compileCommand(
      { kind: 'string', text: `python "my train.py" --lr {lr} --tag='a b' --json '{{"k": {lr}}}' {trial.id}` },
      false,
      ['lr'],
    );
    expect(renderCommand(c, vars({ lr: 0.001 }))).toEqual([
      'python',
      'my train.py',
      '--lr',
      '0.001',
      '--tag=a b',
      '--json',
      '{"k": 0.001}',
      '7',
    ]);
  });

  it('refuses to render a placeholder whose value is missing, in argv and shell commands, instead of an empty argument', () => {
    for (const shell of [false, true]) {
      const c = compileCommand({ kind: 'string', text: 'train --lr {lr} --layers {layers}' }, shell, ['lr', 'layers']);
      expect(() => renderCommand(c, vars({ lr: 0.01 }))).toThrow(
        'internal error: trial 7 has no value for {layers}; it is not run with an empty one',
      );
    }
    // an empty string and null are values, rendered as given
    const c = compileCommand({ kind: 'string', text: 'train --tag {tag}' }, false, ['tag']);
    expect(renderCommand(c, vars({ tag: '' }))).toEqual(['train', '--tag', '']);
  });

  it('expands {args}, {args_hydra} and {args_json_file}', () => {
    const c = compileCommand({ kind: 'argv', items: ['train', '{args}', '{args_hydra}', '--config={args_json_file}'] }, false, [
      'lr',
      'layers',
    ]);
    expect(renderCommand(c, vars({ lr: 1e-5, layers: 3 }))).toEqual([
      'train',
      '--lr=0.00001',
      '--layers=3',
      'lr=0.00001',
      'layers=3',
      '--config=/s/trials/7/params.json',
    ]);
  });

  it('passes parameter names to {args} as written, and with args_style dashes turns _ into -', () => {
    const written = compileCommand({ kind: 'argv', items: ['train', '{args}', '{args_hydra}'] }, false, ['batch_size', 'warm-up']);
    expect(renderCommand(written, vars({ batch_size: 64, 'warm-up': 2 }))).toEqual([
      'train',
      '--batch_size=64',
      '--warm-up=2',
      'batch_size=64',
      'warm-up=2',
    ]);
    const dashes = compileCommand({ kind: 'argv', items: ['train', '{args}', '{args_hydra}'] }, false, ['batch_size', 'warm-up'], 'dashes');
    // hydra keys are config paths: never rewritten
    expect(renderCommand(dashes, vars({ batch_size: 64, 'warm-up': 2 }))).toEqual([
      'train',
      '--batch-size=64',
      '--warm-up=2',
      'batch_size=64',
      'warm-up=2',
    ]);
  });

  it('writes floats as JavaScript does', () => {
    const c = compileCommand({ kind: 'string', text: 'x {a} {b} {c}' }, false, ['a', 'b', 'c']);
    expect(renderCommand(c, vars({ a: 0.1 + 0.2, b: 1e21, c: true }))).toEqual(['x', '0.30000000000000004', '1e+21', 'true']);
  });

  it('rejects unknown placeholders, naming the parameters', () => {
    expect(() => compileCommand({ kind: 'string', text: 'x {nope}' }, false, ['lr'])).toThrow(TemplateError);
    expect(() => compileCommand({ kind: 'string', text: 'x {nope}' }, false, ['lr'])).toThrow(/parameters: lr/);
  });

  it('refuses quotes around a placeholder in shell mode, since values are quoted already', () => {
    expect(() => compileCommand({ kind: 'string', text: 'echo "{v}"' }, true, ['v'])).toThrow(/remove the quotes around \{v\}/);
  });

  describe('hostile values reach the program intact and are never run by a shell', () => {
    for (const value of HOSTILE) {
      it(`without shell: ${JSON.stringify(value)}`, () => {
        const c = compileCommand({ kind: 'string', text: `node ${TRAINER} --print-argv --epochs 0 --tag {v} --both=pre{v}post` }, false, [
          'v',
        ]);
        const argv = renderCommand(c, vars({ v: value }));
        expect(argv).toContain(value);
        const got = received(argv);
        expect(got).toContain(value);
        expect(got).toContain(`--both=pre${value}post`);
      });
      it(`with shell: ${JSON.stringify(value)}`, () => {
        const c = compileCommand({ kind: 'string', text: `node ${TRAINER} --print-argv --epochs 0 --tag {v} --both=pre{v}post` }, true, [
          'v',
        ]);
        const argv = renderCommand(c, vars({ v: value }));
        expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
        const got = received(argv);
        expect(got).toContain(value);
        expect(got).toContain(`--both=pre${value}post`);
      });
    }
  });

  it('quotes an argv for pasting into a shell, round-tripping through sh', () => {
    const argv = ['printf', '%s|', ...HOSTILE];
    const out = execFileSync('/bin/sh', ['-c', quoteArgv(argv)], { encoding: 'utf8' });
    expect(out).toBe(HOSTILE.map((v) => `${v}|`).join(''));
  });
});
