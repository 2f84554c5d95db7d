/**
 * A parsed sweep file that remembers where every value came from, so each validation error can
 * name `file:line:column` and the field. Syntax errors surface here as one line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node } from 'yaml';
import { pathLabel } from '../../plugin-api/errors.js';
import { ConfigError } from '../errors.js';

export type FieldPath = ReadonlyArray<string | number>;

export class ConfigSource {
  readonly data: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    /** As the user wrote it, for messages. */
    readonly file: string,
    private readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const syntax = this.doc.errors[0];
    if (syntax) {
      const pos = this.lines.linePos(syntax.pos[0]);
      if (syntax.code === 'DUPLICATE_KEY') {
        const key = /^[\s-]*([^:{}[\],]+?)\s*:/.exec(text.slice(syntax.pos[0]))?.[1] ?? 'a key';
        throw new ConfigError(file, pos.line, pos.col, undefined, `${key}: this key appears twice in its mapping; keep one`);
      }
      const message = syntax.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ConfigError(file, pos.line, pos.col, undefined, `invalid YAML: ${message}`);
    }
    try {
      this.data = this.doc.toJS({ maxAliasCount: 1000 });
    } catch {
      // the yaml library refuses a document whose aliases expand past the count (a "billion laughs")
      throw new ConfigError(
        file,
        undefined,
        undefined,
        undefined,
        'its aliases (*name) expand to too much data to load; write the values out, or use fewer aliases of aliases',
      );
    }
  }

  /** An error at the value of `path` (or, with `at: 'key'`, at its key; falls back to the nearest parent). */
  error(path: FieldPath, detail: string, at: 'value' | 'key' = 'value'): ConfigError {
    const pos = this.position(path, at);
    return new ConfigError(this.file, pos?.line, pos?.col, path.length ? pathLabel(path) : undefined, detail);
  }

  /**
   * An error at character `offset` of the string at `path` (a `when:` condition): the column
   * inside the string when it is written on one line, quoted or plain; its start otherwise.
   */
  errorWithin(path: FieldPath, offset: number, detail: string): ConfigError {
    const node = this.doc.getIn(path, true);
    const start = this.position(path);
    if (!start || !isScalar(node) || !node.range) return this.error(path, detail);
    const written = this.text.slice(node.range[0], node.range[1]);
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    // an escape (\" in double quotes, '' in single ones) moves the characters after it
    const escaped =
      node.type === Scalar.QUOTE_DOUBLE ? written.includes('\\') : node.type === Scalar.QUOTE_SINGLE && written.slice(1, -1).includes("''");
    if (written.includes('\n') || escaped || !(quoted || node.type === Scalar.PLAIN)) return this.error(path, detail);
    return new ConfigError(this.file, start.line, start.col + offset + (quoted ? 1 : 0), pathLabel(path), detail);
  }

  /** True when the file has a value at `path`. */
  has(path: FieldPath): boolean {
    return this.doc.hasIn(path);
  }

  position(path: FieldPath, at: 'value' | 'key' = 'value'): { line: number; col: number } | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const range = this.rangeOf(path.slice(0, depth), depth === path.length ? at : 'value');
      if (range !== undefined) return this.lines.linePos(range);
    }
    return undefined;
  }

  private rangeOf(path: FieldPath, at: 'value' | 'key'): number | undefined {
    if (path.length === 0) return (this.doc.contents as Node | null)?.range?.[0];
    const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      if (!pair) return undefined;
      const node = (at === 'key' ? pair.key : (pair.value ?? pair.key)) as Node | null;
      return node?.range?.[0];
    }
    if (isSeq(parent) && typeof last === 'number') return (parent.items[last] as Node | undefined)?.range?.[0];
    return undefined;
  }
}
