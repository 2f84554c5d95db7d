/**
 * Points of a Sobol sequence, optionally scrambled by a random linear matrix scramble plus a
 * digital shift (as SciPy's `qmc.Sobol(scramble=True)` does). Scrambling keeps the sequence's
 * balance — the first 2^m points still put one point in each 1/2^m slice of every axis — while
 * removing its artefacts: the all-zeros first point and the lattice-like 2-D projections.
 */
import type { Rng } from '../../../src/plugin-api/rng.js';
import { directionNumbers } from './direction-numbers.js';

export class ScrambledSobol {
  private readonly directions: Uint32Array[];
  private readonly shifts: Uint32Array;

  /** With `scramble` null the plain sequence comes out (its point 0 is all zeros). */
  constructor(dimensions: number, scramble: Rng | null) {
    this.directions = [];
    this.shifts = new Uint32Array(dimensions);
    for (let d = 0; d < dimensions; d++) {
      const v = directionNumbers(d);
      if (scramble) {
        const matrix = lowerTriangularMatrix(scramble);
        this.directions.push(v.map((x) => multiply(matrix, x)));
        this.shifts[d] = randomWord(scramble);
      } else {
        this.directions.push(v);
      }
    }
  }

  /** Point `index` (0 ≤ index < 2^32), each coordinate in [0, 1). */
  point(index: number): number[] {
    return this.directions.map((v, d) => {
      let x = this.shifts[d];
      for (let j = 0, rest = index; rest > 0; j++, rest = Math.floor(rest / 2)) {
        if (rest % 2 === 1) x ^= v[j];
      }
      return (x >>> 0) / 2 ** 32;
    });
  }
}

function randomWord(rng: Rng): number {
  return Math.floor(rng.next() * 2 ** 32) >>> 0;
}

/**
 * A random invertible lower-triangular matrix over GF(2), one row per binary digit (digit 0 is
 * the most significant): row r mixes digit r with random digits above it, never below, which is
 * what keeps the net property.
 */
function lowerTriangularMatrix(rng: Rng): Uint32Array {
  const rows = new Uint32Array(32);
  for (let r = 0; r < 32; r++) {
    const above = r === 0 ? 0 : (0xffffffff << (32 - r)) >>> 0;
    rows[r] = ((randomWord(rng) & above) | (2 ** (31 - r))) >>> 0;
  }
  return rows;
}

function multiply(rows: Uint32Array, x: number): number {
  let out = 0;
  for (let r = 0; r < 32; r++) {
    if (parity(rows[r] & x)) out |= 2 ** (31 - r);
  }
  return out >>> 0;
}

function parity(x: number): number {
  let y = x >>> 0;
  y ^= y >>> 16;
  y ^= y >>> 8;
  y ^= y >>> 4;
  y ^= y >>> 2;
  y ^= y >>> 1;
  return y & 1;
}
