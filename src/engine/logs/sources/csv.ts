/**
 * CSV metric files with a header row: PyTorch Lightning's CSVLogger (`epoch,step,train_loss,
 * val_acc`, sparse rows with empty cells) and Keras' CSVLogger (`epoch,accuracy,loss,val_loss`).
 * Every numeric cell is a point named by its column; the step is the row's `step` column, else
 * `epoch`/`iteration`… (see step-keys). CRLF line ends and quoted fields ("a,b", "say ""hi""")
 * are handled.
 *
 * Lightning rewrites the whole file with a wider header when a new metric appears; rows then
 * have more cells than the header this parser read. That is reported through `onRowMismatch`
 * so that the reader can check the header and start the file again from the top (see watch.ts).
 */
import type { LineEnding } from '../line-splitter.js';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import { parseMetricNumber } from '../../../plugin-api/metric-number.js';
import { StepFiller } from '../../metrics/step-filler.js';
import { isNeverMetric, stepKeyRank } from '../../../plugin-api/step-keys.js';
import { LineRecordParser } from './line-records.js';
import type { RecordParserOptions } from './record-parser.js';

export interface CsvOptions extends RecordParserOptions {
  /** The header line, when reading resumes after it (startOffset > 0). */
  header?: string;
  /**
   * A row does not fit the header: the file may have been rewritten with another header. The row
   * is skipped. Default: reported through onProblem, once.
   */
  onRowMismatch?(cells: number, columns: number): void;
}

export class CsvParser extends LineRecordParser {
  private readonly filler: StepFiller | null;
  private columns: string[] | null = null;
  private stepColumn = -1;
  private reportedMismatch = false;

  constructor(private readonly options: CsvOptions) {
    super(options.startOffset);
    this.filler = options.fillSteps ? new StepFiller() : null;
    if (options.header !== undefined) this.setHeader(options.header);
  }

  /** The header's column names, once read. */
  get header(): readonly string[] | null {
    return this.columns;
  }

  private setHeader(line: string): void {
    this.columns = splitCsvLine(line).map((name) => name.trim());
    let best = Infinity;
    this.columns.forEach((name, index) => {
      const rank = stepKeyRank(name);
      if (rank !== -1 && rank < best) {
        best = rank;
        this.stepColumn = index;
      }
    });
  }

  protected readLine(text: string, _ending: LineEnding, out: ExtractedPoint[]): void {
    if (text === '') return;
    if (this.columns === null) {
      this.setHeader(text);
      return;
    }
    const cells = splitCsvLine(text);
    if (cells.length !== this.columns.length) {
      if (this.options.onRowMismatch) this.options.onRowMismatch(cells.length, this.columns.length);
      else if (!this.reportedMismatch) this.options.onProblem(rowMismatch(cells.length, this.columns.length));
      this.reportedMismatch = true;
      return;
    }
    const stepCell = this.stepColumn === -1 ? undefined : parseMetricNumber(cells[this.stepColumn].trim());
    const step = stepCell !== undefined && Number.isFinite(stepCell) ? stepCell : null;
    if (step !== null) this.filler?.saw(step);
    for (let i = 0; i < cells.length; i++) {
      const name = this.columns[i];
      if (i === this.stepColumn || stepKeyRank(name) !== -1 || isNeverMetric(name)) continue;
      const value = parseMetricNumber(cells[i].trim());
      if (value === undefined) continue; // an empty cell of a sparse row, or text
      out.push({ name, step: step ?? this.filler?.fill(name) ?? null, value });
    }
  }
}

export function rowMismatch(cells: number, columns: number): string {
  return `a row has ${cells} cells but the header has ${columns}; such rows are skipped`;
}

/** One CSV line into cells, with RFC 4180 quoting. */
export function splitCsvLine(line: string): string[] {
  if (line.indexOf('"') === -1) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (line[i + 1] === '"') cell += line[++i];
      else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}
