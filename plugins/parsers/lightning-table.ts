/**
 * The results table PyTorch Lightning prints after `trainer.test()` / `trainer.validate()`:
 *
 *   ────────────────────────────────────────────          ┏━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
 *          Test metric             DataLoader 0           ┃ Test metric ┃ DataLoader 0 ┃
 *   ────────────────────────────────────────────    or    ┡━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
 *           test_acc            0.9470000267028809        │  test_acc   │    0.947     │
 *   ────────────────────────────────────────────          └─────────────┴──────────────┘
 *
 * Names are the metric column as printed; the value is the first DataLoader's. The table has no
 * step of its own (a header or, in a sweep, the latest step seen gives it one).
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';

const HEAD = /^[\s┃│|]*(?:Test|Validate|Validation) metric[\s┃│|]+DataLoader \d+/;
const RULE = /^[\s┏┓┗┛┡┩┣┫╇╈┳┻━─└┘┌┐┴┬├┤]+$/;

export class LightningTableParser {
  private inTable = false;
  private rows = 0;

  parse(line: string): ParsedLine | null {
    if (!this.inTable) {
      let start = 0;
      while (line.charCodeAt(start) === 32) start++;
      const first = line[start];
      if (first !== 'T' && first !== 'V' && first !== '┃' && first !== '│' && first !== '|') return null;
      if (!HEAD.test(line)) return null;
      this.inTable = true;
      this.rows = 0;
      return { points: [] };
    }
    if (RULE.test(line)) {
      // the rule under the head opens the rows; the one after them closes the table
      if (this.rows > 0) this.inTable = false;
      return { points: [] };
    }
    const cells = line
      .split(/[┃│|]|\s{2,}/)
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '');
    const value = cells.length >= 2 ? numberToken(cells[1]) : undefined;
    if (value === undefined) {
      this.inTable = false;
      return null;
    }
    this.rows++;
    return { points: [{ name: cells[0], step: null, value }] };
  }
}

const plugin: ParserPlugin = {
  name: 'lightning-table',
  kind: 'parser',
  description: "PyTorch Lightning's test/validate results table (`Test metric │ DataLoader 0`)",
  create: () => new LightningTableParser(),
};
export default plugin;
