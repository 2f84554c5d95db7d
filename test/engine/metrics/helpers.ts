export { parseMetricNumber as parseNumber } from '../../../src/plugin-api/metric-number.js';
