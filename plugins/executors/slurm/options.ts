/**
 * The `executor: {type: slurm, …}` options, declared once. Resource options become sbatch flags;
 * `extra` is passed to sbatch verbatim, after them (so it can override them).
 */
import {
  durationValue,
  integerValue,
  options,
  readOptions,
  textListValue,
  textOrNumberValue,
  textValue,
  type Options,
} from '../../../src/plugin-api/options.js';
import { option } from '../../../src/plugin-api/schema.js';

export const slurmOptions = options({
  partition: option(textValue(), { unset: "the cluster's default", description: 'sbatch --partition' }),
  gres: option(textValue(), { unset: 'none', description: 'sbatch --gres, per trial, e.g. gpu:1' }),
  cpus_per_task: option(integerValue(1), { unset: 'none', description: 'sbatch --cpus-per-task' }),
  mem: option(textOrNumberValue(), { unset: 'none', description: 'sbatch --mem, e.g. 16G' }),
  time: option(textOrNumberValue(), {
    unset: 'none',
    description: "sbatch --time: Slurm's own limit, whole minutes and enforced up to 30 s late (sweeptop's timeout is exact)",
  }),
  extra: option(textListValue(), { default: [], description: 'more sbatch flags, verbatim and last: ["--account=lab", "--qos=normal"]' }),
  poll_interval: option(durationValue(100, 3_600_000), { default: '2s', description: "one squeue for all the sweep's jobs per interval" }),
});

export type SlurmOptions = ReturnType<typeof readSlurmOptions>;

export function readSlurmOptions(given: Options) {
  const read = readOptions(slurmOptions, given, 'slurm executor');
  return {
    partition: read.partition ?? null,
    gres: read.gres ?? null,
    cpusPerTask: read.cpus_per_task ?? null,
    mem: read.mem ?? null,
    time: read.time ?? null,
    extra: read.extra,
    pollMs: read.poll_interval,
  };
}

/** The resource flags, in the order sbatch documents them; `extra` last so that it wins. */
export function resourceFlags(options: SlurmOptions): string[] {
  const flags: string[] = [];
  if (options.partition) flags.push(`--partition=${options.partition}`);
  if (options.gres) flags.push(`--gres=${options.gres}`);
  if (options.cpusPerTask !== null) flags.push(`--cpus-per-task=${options.cpusPerTask}`);
  if (options.mem) flags.push(`--mem=${options.mem}`);
  if (options.time) flags.push(`--time=${options.time}`);
  return [...flags, ...options.extra];
}
