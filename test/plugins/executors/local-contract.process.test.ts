/** The executor contract users run on their own executors (sweeptop/testing), run on the local executor. */
import { localExecutor } from '../../../plugins/executors/local.js';
import { describeExecutorContract } from '../../../src/testing/executor-contract.js';

describeExecutorContract((context) => localExecutor.create({}, context), { name: 'local', timeoutMs: 15_000 });
