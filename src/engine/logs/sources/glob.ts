/**
 * The `logs:` patterns of a sweep file: `{trial.dir}/metrics.csv`, `runs/{trial.id}/*.jsonl`,
 * `lightning_logs/version_*\/metrics.csv`. Variables are filled in per trial, then the pattern is
 * matched segment by segment against absolute paths: `*` and `?` within a segment, `[abc]`/`[!a]`
 * classes, and `**` for any number of folders. (Node 20's path.matchesGlob prints an
 * experimental-feature warning on stderr, which would land in the middle of the TUI.)
 */
import { isAbsolute, resolve, sep } from 'node:path';
import { PluginOptionError } from '../../../plugin-api/errors.js';

type Segment = string | RegExp | typeof GLOBSTAR;
const GLOBSTAR = Symbol('**');

export interface CompiledGlob {
  /** The pattern as an absolute path, variables filled in. */
  pattern: string;
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

export function compileGlob(pattern: string, cwd: string): CompiledGlob {
  const absolute = isAbsolute(pattern) ? resolve(pattern) : resolve(cwd, pattern);
  const parts = absolute.split(sep);
  const segments: Segment[] = parts.map((part) => (part === '**' ? GLOBSTAR : /[*?[]/.test(part) ? segmentRegExp(part) : part));
  const literal = segments.findIndex((segment) => typeof segment !== 'string');
  const baseParts = literal === -1 ? parts.slice(0, -1) : parts.slice(0, literal);
  const base = baseParts.join(sep) || sep;
  return {
    pattern: absolute,
    base,
    matches: (path) => matchFrom(segments, 0, splitPath(path), 0, false),
    mayContain: (dir) => matchFrom(segments, 0, splitPath(dir), 0, true),
  };
}

/** `/a/b` → ['', 'a', 'b']; the root `/` → [''] (not ['', '']). */
function splitPath(path: string): string[] {
  const absolute = resolve(path);
  return absolute === sep ? [''] : absolute.split(sep);
}

function segmentRegExp(part: string): RegExp {
  let source = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = part.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        const body = part
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `path[pi…]` matches `segments[si…]`; with `prefix`, whether it matches the start of
 * them with at least one segment left over (a folder something inside could match).
 */
function matchFrom(segments: Segment[], si: number, path: string[], pi: number, prefix: boolean): boolean {
  for (;;) {
    if (pi === path.length)
      return prefix ? si < segments.length : si === segments.length || (si === segments.length - 1 && segments[si] === GLOBSTAR);
    if (si === segments.length) return false;
    const segment = segments[si];
    if (segment === GLOBSTAR) {
      // `**` takes no folder, or this one and tries again
      return matchFrom(segments, si + 1, path, pi, prefix) || matchFrom(segments, si, path, pi + 1, prefix);
    }
    const part = path[pi];
    if (typeof segment === 'string' ? segment !== part : !segment.test(part)) return false;
    si++;
    pi++;
  }
}
