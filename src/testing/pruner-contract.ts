/**
 * The pruner contract, as a vitest suite a plugin author runs on their own pruner (and sweeptop
 * runs on each of its own): whatever the history (NaN, ±inf, gaps, repeated and fractional
 * steps), a decision is well formed and gives its reason; a pruner never prunes during its
 * warm-up, with too few trials to compare with, or a promoted trial; the same history gives the
 * same decisions. The pruner is driven through sweeptop's own pruning study, as in a sweep.
 */
import { describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../plugins/registry.js';
import { createPruningStudy } from '../engine/pruning/study.js';
import type { Goal } from '../plugin-api/plugin.js';
import type { PruneDecision, Pruner, PrunerPlugin, PrunerSpec } from '../plugin-api/pruner.js';
import { Rng } from '../plugin-api/rng.js';
import { expectPluginShape, expectRefusesUnknownOption } from './plugin-shape.js';

export interface PrunerContractOptions {
  /** What the sweep file gives the pruner besides `type`. */
  options?: Record<string, unknown>;
  /**
   * True while a report cannot be pruned whatever the values (its step, its 0-based index among
   * the trial's reports). Absent: no warm-up is checked.
   */
  inWarmup?(step: number, reportIndex: number): boolean;
  /**
   * With fewer than this many other trials (all completed), a trial reporting finite values is
   * never pruned. Absent: for pruners that judge a trial on its own curve.
   */
  minOtherTrials?: number;
  /** The pruner never prunes (`none`); otherwise the random histories must make it prune at least once. */
  neverPrunes?: boolean;
}

interface FuzzTrial {
  id: number;
  reports: Array<{ step: number; value: number }>;
  promoted: boolean;
}

export function describePrunerContract(plugin: PrunerPlugin, contract: PrunerContractOptions = {}): void {
  const given = contract.options ?? {};
  // A wrapping pruner (`patient`) builds the one it wraps through the registry, this plugin included.
  const registry = builtInRegistry();
  registry.add(plugin);
  const rawDecisions: PruneDecision[] = [];
  const create = (goal: Goal, options = given): Pruner => {
    const pruner = registry.createPruner({ ...options, type: plugin.name } as PrunerSpec, { metricName: 'metric', goal });
    return {
      decide(request) {
        const decision = pruner.decide(request);
        rawDecisions.push(decision);
        return decision;
      },
    };
  };

  /** Runs trials one after another; returns each report's decision, by trial. */
  function runSweep(goal: Goal, sweep: FuzzTrial[]): PruneDecision[][] {
    const study = createPruningStudy(create(goal), { metricName: 'metric', goal });
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

  describe(`pruner contract: ${plugin.name}`, () => {
    it('is a pruner plugin: a name, kind "pruner", create(options, context) giving decide()', () => {
      expectPluginShape(plugin, 'pruner');
      if (plugin.options !== undefined) expectRefusesUnknownOption((options) => create('minimize', options), given);
      expect(typeof create('minimize').decide).toBe('function');
    });

    it('returns a well-formed decision with a reason for any history, never prunes in warm-up or a promoted trial', () => {
      let prunes = 0;
      const problems: string[] = [];
      for (let round = 0; round < 40; round++) {
        const rng = new Rng(`contract-${plugin.name}-${round}`);
        const goal: Goal = rng.next() < 0.5 ? 'minimize' : 'maximize';
        const sweep = randomSweep(rng, rng.int(1, 10));
        rawDecisions.length = 0;
        const decisions = runSweep(goal, sweep);
        for (const decision of rawDecisions) {
          const problem = malformedDecision(decision);
          if (problem) problems.push(`round ${round}: ${problem}`);
        }
        sweep.forEach((trial, t) => {
          decisions[t].forEach((decision, index) => {
            if (decision.action !== 'prune') return;
            prunes++;
            const where = `round ${round}, trial ${trial.id}, report ${index} (step ${trial.reports[index].step})`;
            if (trial.promoted) problems.push(`${where}: pruned a promoted trial`);
            if (contract.inWarmup?.(trial.reports[index].step, index)) problems.push(`${where}: pruned in its warm-up`);
          });
        });
      }
      expect(problems.length, `decisions that break the contract:\n${problems.slice(0, 5).join('\n')}\n`).toBe(0);
      // The histories must be rough enough to make a real pruner prune, or this proves nothing.
      if (contract.neverPrunes) expect(prunes).toBe(0);
      else expect(prunes, 'prunes over 40 random sweeps (set neverPrunes for a pruner that never does)').toBeGreaterThan(0);
    });

    it('repeats its decisions exactly on the same history', () => {
      const sweep = randomSweep(new Rng(`determinism-${plugin.name}`), 10);
      expect(runSweep('minimize', sweep)).toEqual(runSweep('minimize', sweep));
    });

    it.runIf(contract.minOtherTrials !== undefined)('never prunes with too few trials to compare with', () => {
      const few = (contract.minOtherTrials ?? 0) - 1;
      for (let round = 0; round < 30; round++) {
        const sweep = randomSweep(new Rng(`few-${plugin.name}-${round}`), few + 1, true);
        // The earlier trials complete whatever the pruner says; only the last one is judged.
        const study = createPruningStudy(create('minimize'), { metricName: 'metric', goal: 'minimize' });
        study.restore(sweep.slice(0, few).map((t) => ({ id: t.id, state: 'completed', promoted: false, reports: t.reports })));
        const judged = sweep[few];
        study.addTrial(judged.id);
        const actions = judged.reports.map(({ step, value }) => study.report(judged.id, step, value).action);
        expect(actions, `round ${round}: ${few} other trials`).not.toContain('prune');
      }
    });
  });
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
    const promoted = rng.next() < 0.15;
    return { id, reports, promoted: promoted && !finiteOnly };
  });
}

/** What is wrong with a pruner's own decision; null when it is well formed. */
function malformedDecision(decision: PruneDecision): string | null {
  if (decision === null || typeof decision !== 'object') return `decided ${String(decision)}, not { action, reason }`;
  if (decision.action !== 'continue' && decision.action !== 'prune')
    return `action ${JSON.stringify(decision.action)} is not continue or prune`;
  const extra = Object.keys(decision).filter((key) => !['action', 'reason', 'threshold'].includes(key));
  if (extra.length > 0) return `unknown fields ${extra.join(', ')}`;
  if (decision.action === 'prune' && !(typeof decision.reason === 'string' && /\S/.test(decision.reason))) {
    return 'pruned without a reason (the reason is what the user reads in the TUI and sweep.json)';
  }
  if (decision.action === 'continue' && decision.reason !== null && typeof decision.reason !== 'string')
    return 'a reason that is not a string or null';
  if (decision.threshold !== undefined && typeof decision.threshold !== 'number')
    return `threshold ${JSON.stringify(decision.threshold)} is not a number`;
  return null;
}
