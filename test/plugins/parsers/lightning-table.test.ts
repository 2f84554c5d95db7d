import { describe, expect, it } from 'vitest';
import lightningTable from '../../../plugins/parsers/lightning-table.js';
import { parseAll } from './helpers.js';

describe('lightning-table parser', () => {
  it('reads the test results table, plain and boxed', () => {
    const rule = '─'.repeat(40);
    const plain = parseAll(lightningTable, [
      rule,
      '       Test metric             DataLoader 0',
      rule,
      '        test_acc            0.9470000267028809',
      '        test_loss           0.176',
      rule,
      'loss: 3',
    ]);
    expect(plain.flatMap((r) => r?.points ?? [])).toEqual([
      { name: 'test_acc', step: null, value: 0.9470000267028809 },
      { name: 'test_loss', step: null, value: 0.176 },
    ]);
    expect(plain[0]).toBeNull();
    expect(plain.at(-1)).toBeNull();
    const boxed = parseAll(lightningTable, [
      '┏━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓',
      '┃ Validate metric ┃ DataLoader 0 ┃',
      '┡━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩',
      '│   val_acc   │  0.91  │',
      '└─────────────┴──────────────┘',
      '│   other   │  0.5  │',
    ]);
    expect(boxed.flatMap((r) => r?.points ?? [])).toEqual([{ name: 'val_acc', step: null, value: 0.91 }]);
  });

  it('ends the table at a line that is not a row', () => {
    const results = parseAll(lightningTable, [
      '  Test metric    DataLoader 0',
      '─────',
      '  test_acc    0.9',
      'Epoch 3: done',
      '  test_acc    0.8',
    ]);
    expect(results.slice(3)).toEqual([null, null]);
  });
});
