/** The default pruner: never stops a trial. */
import { rejectUnknownOptions } from '../options.js';
import { CONTINUE } from './explain.js';
import type { PrunerPlugin } from './types.js';

export const nonePlugin: PrunerPlugin = {
  name: 'none',
  kind: 'pruner',
  description: 'never prune (the default)',
  create(options) {
    rejectUnknownOptions(options, []);
    return { decide: () => CONTINUE };
  },
};
