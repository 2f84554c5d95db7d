/**
 * PyTorch Lightning's default (tqdm) progress bar.
 *   `Epoch 2:  45%|████▌     | 422/938 [00:05<00:06, 80.1it/s, v_num=0, train_loss=0.312, val_acc=0.91]`
 * The step is the epoch of the description (0-based, as Lightning prints it); `v_num` (the
 * logger's version) is not a metric. Values before the bar is full are in progress; the last
 * redraw of an epoch, after validation, carries that epoch's `val_*` values.
 * Validation, sanity-check and test bars carry no metrics, and the start-up lines
 * (`TPU available: False, using: 0 TPU cores`) are claimed without them. The results table of
 * `trainer.test()` is lightning-table's.
 */
import type { ParsedLine, ParserPlugin } from '../../src/plugin-api/parser.js';
import { parseTqdmBar } from './lib/tqdm-bar.js';
import { pointsFromBar } from './tqdm.js';
import { Needle } from './lib/needle.js';

const EPOCH_DESC = /^Epoch \d+$/;
const V_NUM = new Needle('v_num=');
const OTHER_DESC = /^(?:Validation|Sanity Checking|Testing|Predicting)(?: DataLoader \d+)?$/;
/** The first letters OTHER_DESC can match, looked at before it. */
const OTHER_DESC_INITIALS = 'VSTP';
/** `GPU available: True (cuda), used: True`, `TPU available: False, using: 0 TPU cores` */
const ACCELERATORS = /^[A-Z]PU available: /;

export class LightningParser {
  readonly startsWith = 'EVSTPGHI';

  parse(line: string): ParsedLine | null {
    const bar = parseTqdmBar(line);
    if (!bar) return line.charCodeAt(1) === 80 /* P */ && ACCELERATORS.test(line) ? { points: [] } : null;
    // without the logger's v_num it is any tqdm bar described `Epoch N`: the tqdm parser's. The
    // postfix is looked at before the description's pattern, as most bars offered are plain tqdm's
    if ((bar.postfix === '' || V_NUM.occursAt(bar.postfix, 0)) && EPOCH_DESC.test(bar.desc)) {
      return { points: pointsFromBar(bar, Number(bar.desc.slice('Epoch '.length))) };
    }
    return bar.desc !== '' && OTHER_DESC_INITIALS.includes(bar.desc[0]) && OTHER_DESC.test(bar.desc) ? { points: [] } : null;
  }
}

const plugin: ParserPlugin = {
  name: 'lightning',
  kind: 'parser',
  description: "PyTorch Lightning's progress bar (`Epoch 2: …, v_num=0, val_acc=0.91]`)",
  create: () => new LightningParser(),
};
export default plugin;
