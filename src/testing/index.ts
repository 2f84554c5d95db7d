/**
 * The contract suites sweeptop runs on its own plugins, published as `sweeptop/testing` so that a
 * plugin author runs the same ones on theirs, from a vitest file:
 *
 *   import { describeParserContract } from 'sweeptop/testing';
 *   import plugin from './my_parser.mjs';
 *   describeParserContract(plugin, { examples: [{ line: 'val acc 0.9 @ 3', parsed: { points: [...] } }] });
 *
 * Each function declares a `describe` block of vitest tests (vitest is a peer dependency).
 */
export { describeParserContract, type ParserContractOptions } from './parser-contract.js';
export { describePrunerContract, type PrunerContractOptions } from './pruner-contract.js';
export { CONTRACT_SPACE, describeSamplerContract, type SamplerContractOptions } from './sampler-contract.js';
export { describeExecutorContract, type ExecutorContractOptions } from './executor-contract.js';
