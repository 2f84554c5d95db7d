/**
 * One suite over every built-in pruner: whatever the history, a decision is well formed; no
 * pruner prunes during its warm-up, with too few trials to compare with, or a promoted trial;
 * the same history gives the same decisions; bad options are refused by name.
 */
import { describe, expect, it } from 'vitest';
import { createPruner } from '../../plugins/registry.js';
import { prunerPlugins } from '../../plugins/pruners/index.js';
import type { PruneDecision } from '../../src/plugin-api/pruner.js';
import type { Goal } from '../../src/plugin-api/plugin.js';
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { createPruningStudy } from '../../src/engine/pruning/study.js';
import { Rng } from '../../src/plugin-api/rng.js';

interface ContractCase {
  options: Record<string, unknown>;
  /** True while a report cannot be pruned whatever the values (step, 0-based report index). */
  inWarmup(step: number, reportIndex: number): boolean;
  /**
   * With fewer than this many other trials (all completed), a trial reporting finite values is
   * never pruned; null for pruners that judge a trial on its own curve.
   */
  minOtherTrials: number | null;
}

const CASES: Record<string, ContractCase> = {
  none: { options: {}, inWarmup: () => true, minOtherTrials: null },
  median: { options: { n_startup_trials: 4, n_warmup_steps: 3 }, inWarmup: (step) => step < 3, minOtherTrials: 4 },
  percentile: {
    options: { percentile: 25, n_startup_trials: 4, n_warmup_steps: 3, interval_steps: 2 },
    inWarmup: (step) => step < 3,
    minOtherTrials: 4,
  },
  asha: { options: { min_resource: 3, reduction_factor: 2 }, inWarmup: (step) => step < 3, minOtherTrials: 1 },
  hyperband: {
    options: { min_resource: 2, max_resource: 12, reduction_factor: 2 },
    inWarmup: (step) => step < 2,
    minOtherTrials: 1,
  },
  threshold: { options: { lower: 0, upper: 1, n_warmup_steps: 3 }, inWarmup: (step) => step < 3, minOtherTrials: null },
  patient: { options: { patience: 2 }, inWarmup: (_, index) => index < 3, minOtherTrials: null },
  median_stopping: { options: { grace_period: 3 }, inWarmup: (step) => step < 3, minOtherTrials: 3 },
};

interface FuzzTrial {
  id: number;
  reports: Array<{ step: number; value: number }>;
  promoted: boolean;
}

/** A random sweep: NaN, ±inf, gaps, repeated and fractional steps, various lengths. */
function randomSweep(rng: Rng, trials: number, finiteOnly = false): FuzzTrial[] {
  return Array.from({ length: trials }, (_, id) => {
    const reports: FuzzTrial['reports'] = [];
    let step = 0;
    for (let i = rng.int(1, 12); i > 0; i--) {
      const roll = rng.next();
      const value = finiteOnly || roll > 0.08 ? rng.uniform(-0.5, 1.5) : roll < 0.05 ? NaN : roll < 0.065 ? Infinity : -Infinity;
      reports.push({ step, value });
      const move = rng.next();
      step += move < 0.1 ? 0 : move < 0.2 ? 2 : move < 0.25 ? 0.5 : 1;
    }
    return { id, reports, promoted: rng.next() < 0.15 };
  });
}

/** Runs trials one after another; returns each report's decision, by trial. */
function runSweep(type: string, options: Record<string, unknown>, goal: Goal, sweep: FuzzTrial[]) {
  const pruner = createPruner({ type, ...options }, { metricName: 'metric', goal });
  const study = createPruningStudy(pruner, { metricName: 'metric', goal });
  return sweep.map((trial) => {
    study.addTrial(trial.id);
    study.setPromoted(trial.id, trial.promoted);
    const decisions: PruneDecision[] = [];
    for (const { step, value } of trial.reports) {
      const decision = study.report(trial.id, step, value);
      decisions.push(decision);
      if (decision.action === 'prune') break;
    }
    study.setState(trial.id, decisions.at(-1)?.action === 'prune' ? 'pruned' : 'completed');
    return decisions;
  });
}

function expectWellFormed(decision: PruneDecision): void {
  expect(['continue', 'prune']).toContain(decision.action);
  expect(Object.keys(decision).every((key) => ['action', 'reason', 'threshold'].includes(key))).toBe(true);
  if (decision.action === 'prune') expect(decision.reason).toMatch(/^pruned at step -?[\d.e+-]+: \S/);
  else expect(decision.reason === null || decision.reason === 'promoted').toBe(true);
  if (decision.threshold !== undefined) expect(typeof decision.threshold).toBe('number');
}

describe('pruner contract', () => {
  it('covers every built-in pruner', () => {
    expect(prunerPlugins.map((plugin) => plugin.name).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(prunerPlugins.map((plugin) => [plugin.name, plugin] as const))('%s', (name, plugin) => {
    const contract = CASES[name];

    it('is a pruner plugin with a description, and refuses unknown options by name', () => {
      expect(plugin.kind).toBe('pruner');
      expect(plugin.description).toBeTruthy();
      const create = () => createPruner({ type: name, ...contract.options, no_such_option: 1 }, { metricName: 'm', goal: 'minimize' });
      expect(create).toThrow(PluginOptionError);
      expect(create).toThrow(/^no_such_option: unknown option/);
    });

    it('returns a valid decision for any history, never prunes in warm-up or a promoted trial', () => {
      let prunes = 0;
      for (let round = 0; round < 40; round++) {
        const rng = new Rng(`contract-${name}-${round}`);
        const goal: Goal = rng.next() < 0.5 ? 'minimize' : 'maximize';
        const sweep = randomSweep(rng, rng.int(1, 10));
        const decisions = runSweep(name, contract.options, goal, sweep);
        sweep.forEach((trial, t) => {
          decisions[t].forEach((decision, index) => {
            expectWellFormed(decision);
            if (decision.action !== 'prune') return;
            prunes++;
            expect(trial.promoted).toBe(false);
            expect(contract.inWarmup(trial.reports[index].step, index)).toBe(false);
          });
        });
      }
      // The histories must be rough enough to make every real pruner prune, or this proves nothing.
      if (name !== 'none') expect(prunes).toBeGreaterThan(0);
    });

    it('repeats its decisions exactly on the same history', () => {
      const sweep = randomSweep(new Rng(`determinism-${name}`), 10);
      expect(runSweep(name, contract.options, 'minimize', sweep)).toEqual(runSweep(name, contract.options, 'minimize', sweep));
    });

    it.runIf(contract.minOtherTrials !== null)('never prunes with too few trials to compare with', () => {
      const few = (contract.minOtherTrials as number) - 1;
      for (let round = 0; round < 30; round++) {
        const rng = new Rng(`few-${name}-${round}`);
        const sweep = randomSweep(rng, few + 1, true).map((trial) => ({ ...trial, promoted: false }));
        // The earlier trials complete whatever the pruner says; only the last one is judged.
        const pruner = createPruner({ type: name, ...contract.options }, { metricName: 'm', goal: 'minimize' });
        const study = createPruningStudy(pruner, { metricName: 'm', goal: 'minimize' });
        study.restore(sweep.slice(0, few).map((t) => ({ id: t.id, state: 'completed', promoted: false, reports: t.reports })));
        const judged = sweep[few];
        study.addTrial(judged.id);
        for (const { step, value } of judged.reports) expect(study.report(judged.id, step, value).action).toBe('continue');
      }
    });
  });
});
