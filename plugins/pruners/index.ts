/** The built-in pruners, one file each. `none` is the default. */
import { ashaPlugin } from './asha.js';
import { hyperbandPlugin } from './hyperband.js';
import { medianStoppingPlugin } from './median-stopping.js';
import { medianPlugin } from './median.js';
import { nonePlugin } from './none.js';
import { patientPlugin } from './patient.js';
import { percentilePlugin } from './percentile.js';
import { thresholdPlugin } from './threshold.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

export const prunerPlugins: PrunerPlugin[] = [
  nonePlugin,
  medianPlugin,
  percentilePlugin,
  ashaPlugin,
  hyperbandPlugin,
  thresholdPlugin,
  patientPlugin,
  medianStoppingPlugin,
];

export const DEFAULT_PRUNER = 'none';
