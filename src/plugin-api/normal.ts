/**
 * The standard normal distribution's special functions, accurate in the tails: TPE compares
 * log-densities of candidates far from most kernels, where a naive 1 − Φ(x) is 0 and its log −∞;
 * the engine's rank tests take their large-sample p-values from the same Φ.
 *
 * erf/erfc use the rational approximations of FreeBSD's msun s_erf.c (Sun Microsystems, 1993:
 * "Permission to use, copy, modify, and distribute this software is freely granted, provided
 * that this notice is preserved."), good to about 1e-16 relative.
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
// erf on [0, 0.84375]
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.9602282787753681232e-6,
];
// erf on [0.84375, 1.25]
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1,
  3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2,
  1.1984499846799107417e-2,
];
// erfc on [1.25, 1/0.35]
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2,
  -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592,
];
const SA = [
  1, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2,
  1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
];
// erfc on [1/0.35, 28]
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2,
  -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3,
  4.74528541206955367215e2, -2.24409524465858183362e1,
];

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function poly(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + coefficients[i];
  return sum;
}

/** erfc(x) for x ≥ 1.25, where it is exp(−x²) times a slowly varying factor. */
function erfcTail(x: number): number {
  if (x >= 28) return 0;
  const s = 1 / (x * x);
  const ratio = x < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  // msun splits this exp in two to recover the rounding of x² (via SET_LOW_WORD); without that
  // trick one exp is as accurate, and this runs once per kernel per candidate.
  return Math.exp(-x * x - 0.5625 + ratio) / x;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2 ** -28) return x + EFX * x;
  if (a < 0.84375) {
    const z = x * x;
    return x + (x * poly(PP, z)) / poly(QQ, z);
  }
  if (a < 1.25) {
    const s = a - 1;
    return Math.sign(x) * (ERX + poly(PA, s) / poly(QA, s));
  }
  return Math.sign(x) * (1 - erfcTail(a));
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 0.84375) return 1 - erf(x);
  if (a < 1.25) {
    const s = a - 1;
    const e = ERX + poly(PA, s) / poly(QA, s);
    return x > 0 ? 1 - e : 1 + e;
  }
  return x > 0 ? erfcTail(a) : 2 - erfcTail(a);
}

/** Φ(a), the standard normal CDF, without cancellation in either tail. */
export function ndtr(a: number): number {
  const x = a / Math.SQRT2;
  if (x < -Math.SQRT1_2) return 0.5 * erfc(-x);
  if (x < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log Φ(a), finite down to a ≈ −1e150 (an asymptotic series where Φ itself underflows). */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a); // log(1 − ε) ≈ −ε
  if (a > -20) return Math.log(ndtr(a));
  // log Φ(a) = −a²/2 − log(−a) − ½log 2π + log(1 − 1/a² + 3/a⁴ − 15/a⁶ + …)
  let sum = 1;
  let term = 1;
  const inverseSquare = 1 / (a * a);
  for (let i = 1; i < 20; i++) {
    term *= -(2 * i - 1) * inverseSquare;
    if (Math.abs(term) < Number.EPSILON) break;
    sum += term;
  }
  return -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI + Math.log(sum);
}

/** log φ(z), the standard normal log-density. */
export function normalLogPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

// Acklam's rational approximation of Φ⁻¹ (relative error 1.15e-9), refined below by one Halley step.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p): the x with Φ(x) = p; −∞ at 0 and +∞ at 1. */
export function ndtri(p: number): number {
  if (!(p > 0)) return p === 0 ? -Infinity : NaN;
  if (!(p < 1)) return p === 1 ? Infinity : NaN;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // Halley's step against the accurate Φ brings the error to machine precision.
  const error = ndtr(x) - p;
  const u = error * Math.exp(0.5 * x * x + LOG_SQRT_2PI);
  return x - u / (1 + 0.5 * x * u);
}
