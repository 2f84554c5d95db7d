import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { issuePath, knownFields } from '../../src/engine/schema.js';

describe('knownFields', () => {
  const shape = knownFields({ name: v.string('name must be a string'), size: v.optional(v.number('size must be a number')) });

  it('rebuilds the object from its declared fields only', () => {
    expect(v.parse(shape, { name: 'a', size: 2, stray: true })).toEqual({ name: 'a', size: 2 });
  });

  it("gives a missing field its own schema's message", () => {
    const result = v.safeParse(shape, { size: 2 });
    expect(result.issues?.[0].message).toBe('name must be a string');
    expect(issuePath(result.issues![0])).toBe('name');
  });
});

describe('issuePath', () => {
  it('writes indexes in brackets, names after dots and other keys quoted', () => {
    const shape = v.object({ trials: v.array(v.object({ values: v.record(v.string(), v.number()) })) });
    const result = v.safeParse(shape, { trials: [{ values: {} }, { values: { '3': 'x' } }] });
    expect(issuePath(result.issues![0])).toBe('trials[1].values["3"]');
  });
});
