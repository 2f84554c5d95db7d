/**
 * Which reader a metrics file needs, from its name alone: `.csv`, `.jsonl`/`.ndjson`,
 * TensorBoard's `events.out.tfevents.*`; anything else is a text log read by the parsers.
 */
import { basename } from 'node:path';
import type { RecordParser, RecordParserOptions } from './record-parser.js';
import { CsvParser, type CsvOptions } from './csv.js';
import { JsonLinesParser } from './jsonl.js';
import { TfEventsParser } from './tfevents.js';
import { TextLogParser, type TextLogOptions } from './text-log.js';

export type FileKind = 'csv' | 'jsonl' | 'tfevents' | 'text';

export function fileKind(path: string): FileKind {
  const name = basename(path).toLowerCase();
  if (name.startsWith('events.out.tfevents.')) return 'tfevents';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return 'text';
}

export type AnyRecordOptions = RecordParserOptions &
  Partial<Pick<TextLogOptions, 'parsers' | 'rules' | 'observe'>> &
  Pick<CsvOptions, 'header' | 'onRowMismatch'>;

export function createRecordParser(kind: FileKind, options: AnyRecordOptions): RecordParser {
  switch (kind) {
    case 'csv':
      return new CsvParser(options);
    case 'jsonl':
      return new JsonLinesParser(options);
    case 'tfevents':
      return new TfEventsParser(options);
    case 'text':
      return new TextLogParser({ ...options, parsers: options.parsers ?? [], rules: options.rules ?? [] });
  }
}
