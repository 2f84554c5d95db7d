/**
 * How often a sequential replay through sweeptop's pruners prunes each trial at the same step as
 * Optuna's pruners do, on random curves. Deterministic: the curves are seeded and both sides are
 * exact, so it is run once. Needs /usr/bin/python3 with optuna (apt-get install python3-optuna).
 */
import { execa } from 'execa';
import { createPruner } from '../../plugins/registry.js';
import type { PrunerSpec } from '../../src/plugin-api/pruner.js';
import { replay } from '../../src/engine/pruning/replay.js';
import { Rng } from '../../src/plugin-api/rng.js';
import { makeCurves } from './curves.js';

// biome-ignore lint/complexity/noUselessStringRaw: Python source, kept raw so a backslash added to it reaches Python as written
const OPTUNA_SCRIPT = String.raw`
import json, math, sys, warnings
warnings.filterwarnings("ignore")
import optuna
from optuna.trial import TrialState
optuna.logging.set_verbosity(optuna.logging.ERROR)
P = optuna.pruners
def make(spec):
    kind, o = spec["type"], {k: v for k, v in spec.items() if k not in ("type", "study_name")}
    if kind == "median": return P.MedianPruner(**o)
    if kind == "percentile": return P.PercentilePruner(**o)
    if kind == "asha": return P.SuccessiveHalvingPruner(**o)
    if kind == "hyperband": return P.HyperbandPruner(**o)
    if kind == "threshold": return P.ThresholdPruner(**o)
    if kind == "patient": return P.PatientPruner(make(o.pop("wrapped")) if "wrapped" in o else None, **o)
cases = json.load(sys.stdin)
out = []
for case in cases:
    study = optuna.create_study(direction=case["goal"], pruner=make(case["spec"]), study_name="replay")
    result = []
    for values in case["curves"]:
        trial, at = study.ask(), None
        for step, value in enumerate(values):
            trial.report(float("nan") if value is None else value, step)
            if trial.should_prune():
                at = step
                break
        study.tell(trial, state=TrialState.PRUNED) if at is not None else study.tell(trial, values[-1])
        result.append(at)
    out.append(result)
print(json.dumps({"version": optuna.__version__, "results": out}))
`;

export interface Agreement {
  version: string;
  /** Per pruner spec (as JSON): trials pruned at the same step as Optuna, of all trials. */
  rows: Array<{ spec: string; same: number; total: number }>;
}

/** `casesPerGoal` sets of 30 curves per spec and goal; a string says why Optuna could not run. */
export async function agreementWithOptuna(casesPerGoal: number): Promise<Agreement | string> {
  const specs: PrunerSpec[] = [
    { type: 'median', n_startup_trials: 3, n_warmup_steps: 2, interval_steps: 3 },
    { type: 'percentile', percentile: 30, n_startup_trials: 2, n_min_trials: 2 },
    { type: 'asha', min_resource: 1, reduction_factor: 3 },
    { type: 'asha', min_resource: 2, reduction_factor: 2, min_early_stopping_rate: 1, bootstrap_count: 2 },
    { type: 'asha' },
    { type: 'hyperband', min_resource: 1, max_resource: 30, reduction_factor: 3, study_name: 'replay' },
    { type: 'hyperband', study_name: 'replay' },
    { type: 'threshold', lower: 0.2, upper: 2.5, n_warmup_steps: 1 },
    { type: 'patient', patience: 2, min_delta: 0.01 },
    { type: 'patient', patience: 1, wrapped: { type: 'median', n_startup_trials: 2 } },
  ];
  const rng = new Rng('optuna-agreement');
  const cases = specs.flatMap((spec) =>
    ['minimize', 'maximize'].flatMap((goal) =>
      Array.from({ length: casesPerGoal }, () => {
        // 30 trials of 10–30 steps; the last value is never NaN (Optuna fails such trials).
        const curves = makeCurves(`optuna-${rng.next()}`, 30, 30).map((values) => {
          const cut = values.slice(0, rng.int(10, 30));
          cut[cut.length - 1] = Number.isNaN(cut.at(-1)) ? 1 : (cut.at(-1) as number);
          return cut;
        });
        return { spec, goal: goal as 'minimize' | 'maximize', curves };
      }),
    ),
  );
  let output: { version: string; results: Array<Array<number | null>> };
  try {
    const input = JSON.stringify(cases.map((c) => ({ ...c, curves: c.curves.map((v) => v.map((x) => (Number.isNaN(x) ? null : x))) })));
    const { stdout } = await execa('/usr/bin/python3', ['-c', OPTUNA_SCRIPT], { input });
    output = JSON.parse(stdout);
  } catch {
    return '/usr/bin/python3 cannot import optuna (apt-get install python3-optuna)';
  }
  const byType = new Map<string, { same: number; total: number }>();
  cases.forEach((c, index) => {
    const ours = replay(
      c.curves.map((values, id) => ({ id: String(id), points: values.map((value, step) => ({ step, value })), endState: 'completed' })),
      createPruner(c.spec, { metricName: 'm', goal: c.goal }),
      { metricName: 'm', goal: c.goal, concurrency: 1 },
    ).trials.map((t) => t.prunedAtStep);
    const key = JSON.stringify(c.spec);
    const tally = byType.get(key) ?? { same: 0, total: 0 };
    ours.forEach((at, i) => {
      tally.total++;
      if (at === output.results[index][i]) tally.same++;
    });
    byType.set(key, tally);
  });
  return { version: output.version, rows: [...byType].map(([spec, { same, total }]) => ({ spec, same, total })) };
}
