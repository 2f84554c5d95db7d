/** The default pruner: never stops a trial. */
import { rejectUnknownOptions } from '../../src/plugin-api/options.js';
import { CONTINUE } from '../../src/plugin-api/explain.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

export const nonePlugin: PrunerPlugin = {
  name: 'none',
  kind: 'pruner',
  description: 'never prune (the default)',
  create(options) {
    rejectUnknownOptions(options, []);
    return { decide: () => CONTINUE };
  },
};
