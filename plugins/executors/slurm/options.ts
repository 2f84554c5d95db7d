/**
 * The `executor: {type: slurm, …}` options, validated once. Resource options become sbatch
 * flags; `extra` is passed to sbatch verbatim, after them (so it can override them).
 */
import { durationOption, integerOption, rejectUnknownOptions, stringListOption, stringOption, stringOrNumberOption, type Options } from '../../../src/plugin-api/options.js';

export interface SlurmOptions {
  /** `--partition`; the cluster's default partition when absent. */
  partition: string | null;
  /** `--gres`, per trial, e.g. `gpu:1`. */
  gres: string | null;
  /** `--cpus-per-task`. */
  cpusPerTask: number | null;
  /** `--mem`, e.g. `16G`. */
  mem: string | null;
  /** `--time`, Slurm's own limit (whole minutes, enforced up to 30 s late); sweeptop's `timeout` is exact. */
  time: string | null;
  /** More sbatch flags, verbatim: `["--account=lab", "--qos=normal"]`. */
  extra: string[];
  /** One `squeue` for all the sweep's jobs per interval; 2 s by default. */
  pollMs: number;
}

export const SLURM_OPTION_NAMES = ['partition', 'gres', 'cpus_per_task', 'mem', 'time', 'extra', 'poll_interval'] as const;

export const DEFAULT_POLL_MS = 2000;

export function readSlurmOptions(options: Options): SlurmOptions {
  rejectUnknownOptions(options, SLURM_OPTION_NAMES, 'slurm executor');
  return {
    partition: stringOption(options, 'partition') ?? null,
    gres: stringOption(options, 'gres') ?? null,
    cpusPerTask: integerOption(options, 'cpus_per_task', 1) ?? null,
    mem: stringOrNumberOption(options, 'mem') ?? null,
    time: stringOrNumberOption(options, 'time') ?? null,
    extra: stringListOption(options, 'extra', []),
    pollMs: durationOption(options, 'poll_interval', 100, DEFAULT_POLL_MS),
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
