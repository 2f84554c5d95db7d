export { parseMetricNumber as parseNumber } from '../../../src/engine/metrics/number.js';
