import { describe, expect, it } from 'vitest';
import { Needle } from '../../../plugins/parsers/lib/needle.js';
import { createRng } from './rng.js';

/** Lines made of the needles' characters, spaces and a character outside Latin-1 (a tqdm bar's). */
const ALPHABET = [' ', '-', 'E', 'T', 'A', ':', '[', ']', '%', '|', ',', 'x', '█'];

describe('Needle', () => {
  it('answers as indexOf and lastIndexOf do, from every place, in 2,000 random lines', () => {
    const rng = createRng('needle');
    const needles = [' - ', ': ', ' - ETA:', ' [', '%|', '| ', ', '].map((text) => new Needle(text));
    needles.push(new Needle(' - ETA:', 'E'));
    const wrong: string[] = [];
    let found = 0;
    for (let i = 0; i < 2_000; i++) {
      const line = Array.from({ length: Math.floor(rng() * 40) }, () => ALPHABET[Math.floor(rng() * ALPHABET.length)]).join('');
      for (const needle of needles) {
        const quoted = `${JSON.stringify(line)}, ${JSON.stringify(needle.text)}`;
        for (const from of [undefined, ...Array.from({ length: line.length + 5 }, (_, k) => k - 2)]) {
          const first = from === undefined ? line.indexOf(needle.text) : line.indexOf(needle.text, from);
          const last = from === undefined ? line.lastIndexOf(needle.text) : line.lastIndexOf(needle.text, from);
          if (needle.indexIn(line, from) !== first) wrong.push(`indexOf(${quoted}, ${from}) is ${first}`);
          if (needle.lastIndexIn(line, from) !== last) wrong.push(`lastIndexOf(${quoted}, ${from}) is ${last}`);
          if (last !== -1) found++;
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(found).toBeGreaterThan(10_000); // the lines hold the needles often enough to test them
  });
});
