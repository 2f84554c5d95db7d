/** The time one TPE suggestion takes, steady state, with a history of a given size. */
import { samplerPlugins } from '../../plugins/samplers/index.js';
import type { SamplerTrial } from '../../src/plugin-api/sampler.js';
import { Rng } from '../../src/plugin-api/rng.js';
import type { SearchSpace } from '../../src/plugin-api/space.js';
import { median } from '../lib/stats.js';
import { float, num, range } from './problems.js';

/**
 * Median ms of one TPE suggestion after `size` completed trials over 10 parameters of every kind,
 * as wall-clock time and as CPU time (which a busy machine inflates far less).
 */
export function tpeSuggestionMs(size: number, repeats: number): { wall: number; cpu: number } {
  const space: SearchSpace = [
    ...range(5).map((j) => float(`f${j}`, -1, 1)),
    float('lr', 1e-5, 1, true),
    float('wd', 1e-6, 1e-1, true),
    { kind: 'int', name: 'layers', low: 1, high: 32, step: 1, log: false },
    { kind: 'int', name: 'batch', low: 16, high: 512, step: 16, log: false },
    { kind: 'choice', name: 'act', values: ['relu', 'gelu', 'tanh', 'silu'] },
  ];
  const tpe = samplerPlugins.find((p) => p.name === 'tpe')!;
  const random = samplerPlugins.find((p) => p.name === 'random')!.create({}, { space, goal: 'minimize', seed: 0 });
  const history: SamplerTrial[] = range(size).map((id) => {
    const params = random.suggest({ trialId: id, rng: Rng.derive('timing', id), history: [] })!;
    const objective = range(5).reduce((s, j) => s + num(params, `f${j}`) ** 2, 0) + Math.abs(Math.log10(num(params, 'lr')) + 3);
    return { id, params, state: 'completed', objective, lastStep: null };
  });
  const sampler = tpe.create({}, { space, goal: 'minimize', seed: 0 });
  // Unmeasured calls first, so the figure is the steady state rather than the JIT warming up.
  for (let i = 0; i < 5; i++) sampler.suggest({ trialId: size, rng: Rng.derive('warm-up', i), history });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const [started, cpuBefore] = [performance.now(), process.cpuUsage()];
    sampler.suggest({ trialId: size + i, rng: Rng.derive('timing', size, i), history });
    const used = process.cpuUsage(cpuBefore);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
