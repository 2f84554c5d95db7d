import { describe, expect, it } from 'vitest';
import { enqueuedRows, parseEnqueueText, readEnqueueFile } from '../../../src/engine/config/enqueue-file.js';
import { readSweepFile } from '../../../src/engine/config/load.js';
import { ConfigError } from '../../../src/engine/errors.js';
import type { SearchSpace } from '../../../src/plugin-api/space.js';
import { momentumForSgd, OPTIMIZER } from '../../helpers/conditional-space.js';

const SPACE: SearchSpace = [
  { name: 'lr', kind: 'float', low: 1e-4, high: 0.1, log: true },
  { name: 'layers', kind: 'int', low: 1, high: 6, step: 1, log: false },
  OPTIMIZER,
  // active only for sgd: `when: "optimizer == 'sgd'"`
  momentumForSgd(),
  { name: 'batch', kind: 'choice', values: [32, 64, true, null] },
  { name: 'epochs', kind: 'const', value: 20 },
];

function errorOf(file: string, text: string): string {
  try {
    parseEnqueueText(file, text, SPACE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('an enqueue file in YAML', () => {
  it('gives each mapping as a trial, in order, constants filled in, an inactive parameter absent', () => {
    const text = `- {lr: 0.01, layers: 3, optimizer: sgd, momentum: 0.9, batch: 64}
- lr: 0.001
  layers: 2
  optimizer: adam
  batch: null
  epochs: 20
`;
    expect(parseEnqueueText('t.yaml', text, SPACE)).toEqual([
      { lr: 0.01, layers: 3, optimizer: 'sgd', momentum: 0.9, batch: 64, epochs: 20 },
      { lr: 0.001, layers: 2, optimizer: 'adam', batch: null, epochs: 20 },
    ]);
  });

  it.each([
    [
      'a value out of range, at the value',
      '- {lr: 0.01, layers: 3, optimizer: adam, batch: 32}\n- {lr: 5, layers: 3, optimizer: adam, batch: 32}\n',
      't.yaml:2:8: row 2: lr: 5 is outside the search space; expected a number from 0.0001 to 0.1',
    ],
    [
      'a missing parameter, at its row',
      '- {lr: 0.01, optimizer: adam, batch: 32}\n',
      't.yaml:1:3: row 1: layers: missing; expected an integer from 1 to 6',
    ],
    [
      'an active conditional parameter left out',
      '- {lr: 0.01, layers: 1, optimizer: sgd, batch: 32}\n',
      "t.yaml:1:3: row 1: momentum: missing (present because optimizer == 'sgd'); expected a number from 0 to 0.99",
    ],
    [
      'an inactive conditional parameter given, at its key',
      '- {lr: 0.01, layers: 1, optimizer: adam, momentum: 0.5, batch: 32}\n',
      "t.yaml:1:42: row 1: momentum: given, but absent for these values (it needs optimizer == 'sgd'); leave it out",
    ],
    [
      'an unknown parameter, with the nearest name',
      '- {lr: 0.01, layer: 1, optimizer: adam, batch: 32}\n',
      "t.yaml:1:14: row 1: layer: no such parameter; did you mean 'layers'?",
    ],
    [
      'a choice it does not have',
      '- {lr: 0.01, layers: 1, optimizer: rmsprop, batch: 32}\n',
      't.yaml:1:36: row 1: optimizer: rmsprop is outside the search space; expected one of sgd, adam',
    ],
    [
      'a constant changed',
      '- {lr: 0.01, layers: 1, optimizer: adam, batch: 32, epochs: 3}\n',
      't.yaml:1:61: row 1: epochs: 3 is outside the search space; expected 20 (a constant)',
    ],
    [
      'a list where a value belongs',
      '- {lr: [0.01], layers: 1, optimizer: adam, batch: 32}\n',
      't.yaml:1:8: row 1: lr: expected a number, a string, true, false or null',
    ],
    [
      'a row that is not a mapping',
      '- {lr: 0.01, layers: 1, optimizer: adam, batch: 32}\n- 0.01\n',
      't.yaml:2:3: row 2: expected a mapping of parameter values (lr: 0.01)',
    ],
    ['a mapping, not a list', 'lr: 0.01\n', 't.yaml:1:1: expected a list of configurations, one mapping each (- {lr: 0.01, layers: 3})'],
    ['an empty list', '[]\n', 't.yaml:1:1: holds no configurations; expected a list of mappings'],
    [
      'invalid YAML',
      '- {lr: 0.01\n',
      't.yaml:2:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ],
  ])('%s: one line with file:line:col', (_what, text, message) => {
    expect(errorOf('t.yaml', text)).toBe(message);
  });
});

describe('an enqueue file in CSV', () => {
  it('types each cell by its parameter; an empty cell is a parameter not given', () => {
    const text = 'lr,layers,optimizer,momentum,batch\r\n0.01,3,sgd,0.9,64\r\n\r\n1e-3,2,adam,,true\r\n.05,6,"adam",,null\r\n';
    expect(parseEnqueueText('t.csv', text, SPACE)).toEqual([
      { lr: 0.01, layers: 3, optimizer: 'sgd', momentum: 0.9, batch: 64, epochs: 20 },
      { lr: 0.001, layers: 2, optimizer: 'adam', batch: true, epochs: 20 },
      { lr: 0.05, layers: 6, optimizer: 'adam', batch: null, epochs: 20 },
    ]);
  });

  it('reads 64.0 as the choice 64: the same number written otherwise', () => {
    expect(parseEnqueueText('t.csv', 'lr,layers,optimizer,batch\n0.01,3,adam,64.0\n', SPACE)[0].batch).toBe(64);
  });

  it.each([
    [
      'a value out of range, at its cell',
      'lr,layers,optimizer,batch\n0.01,3,adam,32\n0.01,9,adam,32\n',
      't.csv:3:6: row 2: layers: 9 is outside the search space; expected an integer from 1 to 6',
    ],
    [
      'text for a range',
      'lr,layers,optimizer,batch\nfast,3,adam,32\n',
      't.csv:2:1: row 1: lr: "fast" is not a number; expected a number from 0.0001 to 0.1',
    ],
    [
      'an integer parameter given a fraction',
      'lr,layers,optimizer,batch\n0.01,2.5,adam,32\n',
      't.csv:2:6: row 1: layers: 2.5 is outside the search space; expected an integer from 1 to 6',
    ],
    [
      'a missing parameter (an empty cell), at its line',
      'lr,layers,optimizer,batch\n0.01,,adam,32\n',
      't.csv:2: row 1: layers: missing; expected an integer from 1 to 6',
    ],
    ['a missing column', 'lr,optimizer,batch\n0.01,adam,32\n', 't.csv:2: row 1: layers: missing; expected an integer from 1 to 6'],
    [
      'an active conditional parameter left empty',
      'lr,layers,optimizer,momentum,batch\n0.01,3,sgd,,32\n',
      "t.csv:2: row 1: momentum: missing (present because optimizer == 'sgd'); expected a number from 0 to 0.99",
    ],
    [
      'an inactive conditional parameter given',
      'lr,layers,optimizer,momentum,batch\n0.01,3,adam,0.5,32\n',
      "t.csv:2:13: row 1: momentum: given, but absent for these values (it needs optimizer == 'sgd'); leave it out",
    ],
    [
      'an unknown column, at the header',
      'lr,layrs,optimizer,batch\n0.01,3,adam,32\n',
      "t.csv:1:4: header: layrs: no such parameter; did you mean 'layers'?",
    ],
    ['a column named twice', 'lr,layers,lr,optimizer,batch\n', 't.csv:1:11: header: lr: named twice'],
    ['a row of another width', 'lr,layers,optimizer,batch\n0.01,3,adam\n', 't.csv:2: row 1: has 3 cells but the header has 4'],
    [
      'a choice it does not have',
      'lr,layers,optimizer,batch\n0.01,3,rmsprop,32\n',
      't.csv:2:8: row 1: optimizer: rmsprop is outside the search space; expected one of sgd, adam',
    ],
    ['a header and nothing else', 'lr,layers,optimizer,batch\n\n', 't.csv:1: has a header but no configurations'],
    ['nothing at all', '\n', 't.csv: is empty; expected a header row of parameter names'],
  ])('%s: one line with file:line[:col]', (_what, text, message) => {
    expect(errorOf('t.csv', text)).toBe(message);
  });

  it('refuses a cell that spells two values of a choice: a CSV cannot say which', () => {
    const space: SearchSpace = [{ name: 'n', kind: 'choice', values: [1, '1'] }];
    expect(() => parseEnqueueText('t.csv', 'n\n1\n', space)).toThrow(
      't.csv:2:1: row 1: n: "1" spells more than one of its values (one of 1, "1"); use a YAML file',
    );
  });
});

it('refuses a file that is neither YAML nor CSV', () => {
  expect(errorOf('t.json', '[]')).toBe('t.json: expected a .yaml, .yml or .csv file of configurations, got ".json"');
});

describe('the example in fixtures/sweeps', () => {
  it("enqueue.yaml's rows, and the same format in CSV, pass its space", async () => {
    const loaded = await readSweepFile('fixtures/sweeps/enqueue.yaml');
    expect(enqueuedRows(loaded)).toEqual([
      { lr: 0.01, layers: 2, optimizer: 'adam' },
      { lr: 0.001, layers: 4, optimizer: 'adam' },
      { lr: 0.05, layers: 3, optimizer: 'sgd' },
    ]);
    expect(readEnqueueFile('fixtures/sweeps/enqueue/trials.csv', loaded.config.parameters)).toHaveLength(2);
  });
});
