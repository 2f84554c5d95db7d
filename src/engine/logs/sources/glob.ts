/**
 * The `logs:` patterns of a sweep file: `{trial.dir}/metrics.csv`, `runs/{trial.id}/*.jsonl`,
 * `lightning_logs/version_*\/metrics.csv`. Variables are filled in per trial, then the pattern is
 * matched against absolute paths by picomatch, as a shell (bash with globstar) would: `*`, `?`,
 * `[…]` and `{a,b}` within a folder, `**` for any number of folders, and neither `*` nor `**`
 * matching a name that starts with a dot. (Node 20's path.matchesGlob prints an experimental-feature
 * warning on stderr, which would land in the middle of the TUI.)
 */
import { isAbsolute, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { PluginOptionError } from '../../../plugin-api/errors.js';

export interface CompiledGlob {
  /** The deepest folder with no wildcard in it: everything that matches is inside it. */
  base: string;
  matches(path: string): boolean;
  /** Whether files inside the folder `dir` could match (so it must be watched). */
  mayContain(dir: string): boolean;
}

const VARIABLE = /\{([\w.]+)\}/g;

/** Fills `{trial.dir}`-style variables; an unknown one is an error naming the valid ones. */
export function expandVariables(pattern: string, vars: Readonly<Record<string, string>>): string {
  return pattern.replace(VARIABLE, (whole, name: string) => {
    if (!(name in vars))
      throw new Error(
        `unknown variable ${whole}; valid: ${Object.keys(vars)
          .map((v) => `{${v}}`)
          .join(', ')}`,
      );
    return vars[name];
  });
}

/** Validates the sweep file's `logs:` list (for the config loader). */
export function parseLogPatterns(raw: unknown, variables: readonly string[] = ['trial.dir', 'trial.id']): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new PluginOptionError('logs', "expected a list of file patterns, e.g. ['{trial.dir}/metrics.csv']");
  const vars = Object.fromEntries(variables.map((name) => [name, 'x']));
  return raw.map((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') throw new PluginOptionError(`logs[${index}]`, 'expected a file pattern (a string)');
    try {
      expandVariables(item, vars);
    } catch (error) {
      throw new PluginOptionError(`logs[${index}]`, (error as Error).message);
    }
    return item;
  });
}

/**
 * Compiles `pattern` (relative to `cwd`) with `vars` filled in. The cwd and the variables' values
 * are paths, not patterns: a folder named `run (1)` or `{old}` matches itself.
 */
export function compileGlob(pattern: string, cwd: string, vars: Readonly<Record<string, string>> = {}): CompiledGlob {
  const literalVars = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, escapeGlob(value)]));
  const expanded = expandVariables(pattern, literalVars);
  const absolute = isAbsolute(expanded) ? resolve(expanded) : resolve(escapeGlob(resolve(cwd)), expanded);
  const matchesPath = picomatch(absolute);
  // picomatch matches whole paths only; a folder is matched segment by segment against the
  // pattern's leading segments. `**`, or an `{a/b,c}` spanning folders, may take anything below.
  const segments = splitPattern(absolute).map((part): Segment => {
    if (part === '**' || part.includes(sep)) return ANYTHING_BELOW;
    if (picomatch.scan(part).isGlob) return picomatch(part);
    return unescapeGlob(part);
  });
  const firstGlob = segments.findIndex((segment) => typeof segment !== 'string');
  const literal = (firstGlob === -1 ? segments.slice(0, -1) : segments.slice(0, firstGlob)) as string[];
  const base = literal.join(sep) || sep;
  return {
    base,
    matches: (path) => matchesPath(resolve(path)),
    mayContain: (dir) => {
      const parts = splitPath(dir);
      for (let i = 0; i < parts.length; i++) {
        const segment = segments[i];
        if (segment === undefined) return false;
        if (segment === ANYTHING_BELOW) return true;
        if (typeof segment === 'string' ? segment !== parts[i] : !segment(parts[i])) return false;
      }
      return segments.length > parts.length;
    },
  };
}

const ANYTHING_BELOW = Symbol('**');
type Segment = string | ((name: string) => boolean) | typeof ANYTHING_BELOW;

/** Splits a pattern at each `/` outside braces and not escaped. */
function splitPattern(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}

/** Characters picomatch reads as pattern syntax, escaped so that a path matches only itself. */
function escapeGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@|]/g, '\\$&');
}

function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** `/a/b` → ['', 'a', 'b']; the root `/` → [''] (not ['', '']). */
function splitPath(path: string): string[] {
  const absolute = resolve(path);
  return absolute === sep ? [''] : absolute.split(sep);
}
