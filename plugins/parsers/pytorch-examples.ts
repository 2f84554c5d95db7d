/**
 * The style of the official PyTorch examples (pytorch/examples, mnist and friends):
 *   `Train Epoch: 1 [640/60000 (1%)]\tLoss: 0.290000`
 *   `Test set: Average loss: 0.0490, Accuracy: 9840/10000 (98%)`
 * Names are the keys as printed: `Loss`, `Average loss`, `Accuracy` (in percent, from the counts:
 * 98.4, not the rounded 98). The step is the epoch (1-based, as printed); a test line belongs to
 * the epoch of the train lines before it. Train lines are logged every few batches within an
 * epoch, so they are in progress: the epoch's last logged loss is the one recorded.
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';

const TRAIN = /^Train Epoch: (\d+) \[(\d+)\/(\d+) \([\d.]+%\)\]\s+Loss: (\S+)/;
const TEST = /^Test set: Average loss: ([^,\s]+), Accuracy: (\d+)\/(\d+) \([\d.]+%\)/;

export class PyTorchExamplesParser {
  readonly startsWith = 'T';
  private epoch: number | null = null;

  parse(line: string): ParsedLine | null {
    const first = line.charCodeAt(0);
    if (first === 84 /* T */ && line.startsWith('Train Epoch: ')) {
      const m = TRAIN.exec(line);
      const value = m ? numberToken(m[4]) : undefined;
      if (!m || value === undefined) return null;
      this.epoch = Number(m[1]);
      const inProgress = Number(m[2]) < Number(m[3]);
      return { points: [{ name: 'Loss', step: this.epoch, value, inProgress }] };
    }
    if (first === 84 && line.startsWith('Test set: ')) {
      const m = TEST.exec(line);
      const loss = m ? numberToken(m[1]) : undefined;
      if (!m || loss === undefined) return null;
      const accuracy = (100 * Number(m[2])) / Number(m[3]);
      return {
        points: [
          { name: 'Average loss', step: this.epoch, value: loss },
          { name: 'Accuracy', step: this.epoch, value: accuracy },
        ],
      };
    }
    return null;
  }
}

const plugin: ParserPlugin = {
  name: 'pytorch-examples',
  kind: 'parser',
  description: 'PyTorch examples style (`Train Epoch: 1 [640/60000 (1%)]\\tLoss: 0.29`, `Test set: …`)',
  create: () => new PyTorchExamplesParser(),
};
export default plugin;
