/**
 * What may come next on a `sweeptop …` command line, read from the command table (the one
 * declaration `--help` and the parser read): the command names, a command's options (and its
 * action's), an option's choices, and for a positional what its declaration says it completes —
 * sweep directories, or the trials of a sweep. Pure but for `sources`, so it is tested without a
 * shell. An empty answer lets the shell complete file names, which is what every other argument
 * (a sweep file, a log file, `--output FILE`) takes.
 */
import { isAbsolute, relative } from 'node:path';
import type { ActionDeclaration, CommandDeclaration, OptionDeclaration, Options, PositionalDeclaration } from '../args/declare.js';

export interface CompletionSources {
  /** The folder the command line is typed in: sweep directories inside it are offered relative to it. */
  cwd: string;
  /** The registry's sweep directories that still exist, newest first. */
  sweepDirs(): Promise<string[]>;
  /** The sweep `ctl` acts on without a DIR: the newest started from `cwd`. */
  sweepHere(): Promise<string | undefined>;
  /** The trials of the live sweep `dir` that `action` may act on now. */
  trialIds(dir: string, action: string): Promise<number[]>;
}

/** Where the words before the one being typed leave the command line. */
interface Position {
  command: CommandDeclaration;
  action?: ActionDeclaration;
  options: Options;
  /** Options given so far, by their long name. */
  given: Set<string>;
  /** The positionals given in the current scope (the command's, or after an action its own). */
  positionals: string[];
  /** The command's DIR, when one was given before the action. */
  dir?: string;
  /** The option whose value is being typed. */
  awaitingValue?: OptionDeclaration;
}

/** `words`: the words after `sweeptop`, the last being the one typed (empty right after a space). */
export async function completionCandidates(
  table: readonly CommandDeclaration[],
  words: readonly string[],
  sources: CompletionSources,
): Promise<string[]> {
  const typed = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  if (before.length === 0) return matching(typed, [...table.filter((c) => !c.hidden).map((c) => c.name), '--help', '--version']);
  const command = table.find((c) => c.name === before[0] && !c.hidden);
  if (!command) return [];
  const at = position(command, before.slice(1));
  if (at.awaitingValue) return matching(typed, at.awaitingValue.choices ?? []);
  if (typed.startsWith('-')) return matching(typed, optionNames(at));
  return matching(typed, await positionalCandidates(at, typed, sources));
}

function position(command: CommandDeclaration, words: readonly string[]): Position {
  const at: Position = { command, options: command.options, given: new Set(), positionals: [] };
  let optionsEnded = false;
  for (const word of words) {
    if (at.awaitingValue) {
      at.awaitingValue = undefined;
    } else if (word === '--') {
      optionsEnded = true;
    } else if (word.startsWith('-') && !optionsEnded) {
      const [name, option] = findOption(at.options, word);
      if (name) at.given.add(name);
      if (option && option.kind !== 'boolean' && !word.includes('=')) at.awaitingValue = option;
    } else {
      const action = !at.action && command.actions?.find((a) => a.name === word);
      if (action) {
        at.dir = at.positionals[0];
        at.action = action;
        at.options = { ...command.options, ...action.options };
        at.positionals = [];
      } else {
        at.positionals.push(word);
      }
    }
  }
  return at;
}

function findOption(options: Options, word: string): [string | undefined, OptionDeclaration | undefined] {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0];
    return [name, options[name]];
  }
  const entry = Object.entries(options).find(([, option]) => option.short !== undefined && option.short === word.slice(1));
  return entry ?? [undefined, undefined];
}

/** The options not given yet (one given many times stays), and --help. */
function optionNames(at: Position): string[] {
  const names = Object.entries(at.options)
    .filter(([name, option]) => option.kind === 'list' || !at.given.has(name))
    .map(([name]) => `--${name}`);
  return [...names, '--help'];
}

async function positionalCandidates(at: Position, typed: string, sources: CompletionSources): Promise<string[]> {
  const declared = at.action ? at.action.positionals : at.command.positionals;
  const next = nextPositional(declared, at.positionals.length);
  const actions = at.command.actions && !at.action ? at.command.actions.map((a) => a.name) : [];
  // `ctl DIR pause`: after the command's own positionals, only its actions may come
  if (actions.length && !next) return actions;
  const values = next ? await valuesOf(next, at, typed, sources) : [];
  return [...values, ...actions];
}

/** The declaration the next positional word fills, if any: the last one takes all the rest when it is `many`. */
function nextPositional(declared: readonly PositionalDeclaration[], count: number): PositionalDeclaration | undefined {
  if (count < declared.length) return declared[count];
  const last = declared.at(-1);
  return last?.arity === 'many' ? last : undefined;
}

async function valuesOf(positional: PositionalDeclaration, at: Position, typed: string, sources: CompletionSources): Promise<string[]> {
  if (positional.choices) return [...positional.choices];
  if (positional.completes === 'sweeps') return (await sources.sweepDirs()).map((dir) => shown(dir, typed, sources.cwd));
  if (positional.completes === 'trials' && at.action) {
    const dir = at.dir ?? (await sources.sweepHere());
    if (dir === undefined) return [];
    const named = new Set(at.positionals);
    return (await sources.trialIds(dir, at.action.name)).map(String).filter((id) => !named.has(id));
  }
  return [];
}

/** A sweep directory inside the current folder reads relative to it, as a person would type it; others in full. */
function shown(dir: string, typed: string, cwd: string): string {
  if (typed.startsWith('/')) return dir;
  const inside = relative(cwd, dir);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : dir;
}

/** The candidates that begin with what is typed; one with a line break cannot travel one a line. */
function matching(typed: string, candidates: readonly string[]): string[] {
  return [...new Set(candidates.filter((candidate) => candidate.startsWith(typed) && !/[\n\r]/.test(candidate)))];
}
