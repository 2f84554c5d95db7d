/** The default pruner: never stops a trial. */
import { noOptions, readOptions } from '../../src/plugin-api/options.js';
import { CONTINUE } from '../../src/plugin-api/explain.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

export const nonePlugin: PrunerPlugin = {
  name: 'none',
  kind: 'pruner',
  description: 'never prune (the default)',
  options: noOptions,
  create(given) {
    readOptions(noOptions, given);
    return { decide: () => CONTINUE };
  },
};
