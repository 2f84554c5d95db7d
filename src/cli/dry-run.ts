/** `run --dry-run`: the first trials' exact argv (quoted as a shell needs it) and environment. */
import type { SamplerTrial } from '../plugin-api/sampler.js';
import type { Params } from '../plugin-api/space.js';
import { Rng } from '../plugin-api/rng.js';
import { trialPaths } from '../engine/state/layout.js';
import { trialArgv, trialEnv } from '../engine/sweep/launch-spec.js';
import type { ResolvedSweep } from '../engine/sweep/resolved.js';
import { TrialEntry } from '../engine/sweep/trial-entry.js';
import { quoteArgv } from '../engine/template/command.js';
import { println } from './io.js';

export const DRY_RUN_TRIALS = 5;

/** `enqueued`: the `enqueue:` file's rows, the first trials (on top of `trials`). */
export function printDryRun(resolved: ResolvedSweep, sweepDir: string, out: NodeJS.WritableStream, enqueued: readonly Params[] = []): void {
  const { config } = resolved;
  const total = resolved.trialsTarget + enqueued.length;
  const count = Math.min(total, DRY_RUN_TRIALS);
  const history: SamplerTrial[] = [];
  const from = enqueued.length ? ` (the first ${enqueued.length} from ${config.enqueue})` : '';
  println(
    out,
    `sweep ${config.name}: ${total} trials${from}, ${config.parallel} at a time, ${config.sampler.type} sampler, ${config.pruner.type} pruner`,
  );
  println(out, `cwd: ${config.cwd}`);
  println(out, `sweep directory: ${sweepDir} (not created)`);
  for (let id = 0; id < count; id++) {
    const params =
      enqueued[id] ?? resolved.sampler.suggest({ trialId: id, rng: Rng.derive('sweeptop', config.seed, 'trial', id), history });
    if (!params) break;
    const entry = new TrialEntry(id, params, config.cwd, trialPaths(sweepDir, id), config.objectives);
    if (config.gpus) entry.gpus = config.gpus.slice((id * config.gpusPerTrial) % config.gpus.length).slice(0, config.gpusPerTrial);
    history.push(entry.samplerView);
    println(out);
    println(out, `trial ${id}:`);
    println(out, `  ${quoteArgv(trialArgv(entry, resolved.command, config, sweepDir))}`);
    for (const [name, value] of Object.entries(trialEnv(entry, config, sweepDir))) println(out, `  ${name}=${quoteArgv([value])}`);
  }
  if (total > count) println(out, `\n… and ${total - count} more; nothing was launched`);
  else println(out, '\nnothing was launched');
}
