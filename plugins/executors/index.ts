/** The built-in executors, by name: `executor: {type: <name>, …}` in a sweep file. */
import { localExecutor } from './local.js';
import { slurmExecutor } from './slurm.js';
import { sshExecutor } from './ssh.js';
import type { ExecutorPlugin } from '../../src/plugin-api/executor.js';

export const executorPlugins: ExecutorPlugin[] = [localExecutor, slurmExecutor, sshExecutor];
