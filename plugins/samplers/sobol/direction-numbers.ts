/**
 * Sobol direction numbers for 40 dimensions: S. Joe and F. Y. Kuo's new-joe-kuo-6.21201 set
 * (https://web.maths.unsw.edu.au/~fkuo/sobol/), rows d = 2…40. Each row is `s a m1 … ms`: the
 * degree s of a primitive polynomial over GF(2), its inner coefficients a as bits, and the
 * initial direction integers. Dimension 1 is the van der Corput sequence and needs no row.
 */
const JOE_KUO_ROWS = [
  '1 0 1',
  '2 1 1 3',
  '3 1 1 3 1',
  '3 2 1 1 1',
  '4 1 1 1 3 3',
  '4 4 1 3 5 13',
  '5 2 1 1 5 5 17',
  '5 4 1 1 5 5 5',
  '5 7 1 1 7 11 19',
  '5 11 1 1 5 1 1',
  '5 13 1 1 1 3 11',
  '5 14 1 3 5 5 31',
  '6 1 1 3 3 9 7 49',
  '6 13 1 1 1 15 21 21',
  '6 16 1 3 1 13 27 49',
  '6 19 1 1 1 15 7 5',
  '6 22 1 3 1 15 13 25',
  '6 25 1 1 5 5 19 61',
  '7 1 1 3 7 11 23 15 103',
  '7 4 1 3 7 13 13 15 69',
  '7 7 1 1 3 13 7 35 63',
  '7 8 1 3 5 9 1 25 53',
  '7 14 1 3 1 13 9 35 107',
  '7 19 1 3 1 5 27 61 31',
  '7 21 1 1 5 11 19 41 61',
  '7 28 1 3 5 3 3 13 69',
  '7 31 1 1 7 13 1 19 1',
  '7 32 1 3 7 5 13 19 59',
  '7 37 1 1 3 9 25 29 41',
  '7 41 1 3 5 13 23 1 55',
  '7 42 1 3 7 3 13 59 17',
  '7 50 1 3 1 3 5 53 69',
  '7 55 1 1 5 5 23 33 13',
  '7 56 1 1 7 7 1 61 123',
  '7 59 1 1 7 9 13 61 49',
  '7 62 1 3 3 5 3 55 33',
  '8 14 1 3 1 15 31 13 49 245',
  '8 21 1 3 5 15 31 59 63 97',
  '8 22 1 3 1 11 11 11 77 249',
];

export interface JoeKuoRow {
  degree: number;
  coefficients: number;
  initial: number[];
}

export const JOE_KUO: readonly JoeKuoRow[] = JOE_KUO_ROWS.map((row) => {
  const [degree, coefficients, ...initial] = row.split(' ').map(Number);
  return { degree, coefficients, initial };
});

export const MAX_SOBOL_DIMENSIONS = JOE_KUO.length + 1;

/** The 32 direction numbers of one dimension (0-based), as 32-bit binary fractions. */
export function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(32);
  if (dimension === 0) {
    for (let j = 0; j < 32; j++) v[j] = 2 ** (31 - j);
    return v;
  }
  const { degree: s, coefficients: a, initial: m } = JOE_KUO[dimension - 1];
  for (let j = 0; j < 32; j++) {
    if (j < s) {
      v[j] = m[j] * 2 ** (31 - j);
      continue;
    }
    // Bratley and Fox's recurrence: v_j = v_{j−s} ⊕ (v_{j−s} >> s) ⊕ (⊕_k a_k · v_{j−k}).
    let x = v[j - s] ^ (v[j - s] >>> s);
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x ^= v[j - k];
    v[j] = x >>> 0;
  }
  return v;
}
