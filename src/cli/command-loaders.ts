/** Each command's code by name, loaded only when it runs (main.ts), so start-up reads none of it. */
import { COMPLETE_COMMAND, CONTROLLER_COMMAND } from './controller-command.js';
import type { Command } from './io.js';

export const COMMAND_LOADERS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.js')).runRun,
  resume: async () => (await import('./commands/resume.js')).runResume,
  attach: async () => (await import('./commands/attach.js')).runAttach,
  stop: async () => (await import('./commands/stop.js')).runStop,
  ctl: async () => (await import('./commands/ctl.js')).runCtl,
  ls: async () => (await import('./commands/ls.js')).runLs,
  demo: async () => (await import('./commands/demo.js')).runDemo,
  status: async () => (await import('./commands/status.js')).runStatus,
  best: async () => (await import('./commands/best.js')).runBest,
  analyze: async () => (await import('./commands/analyze.js')).runAnalyze,
  rerun: async () => (await import('./commands/rerun.js')).runRerun,
  export: async () => (await import('./commands/export.js')).runExport,
  rescore: async () => (await import('./commands/rescore.js')).runRescore,
  clean: async () => (await import('./commands/clean.js')).runClean,
  metrics: async () => (await import('./commands/metrics.js')).runMetrics,
  replay: async () => (await import('./commands/replay.js')).runReplay,
  hooks: async () => (await import('./commands/hooks.js')).runHooks,
  completion: async () => (await import('./commands/completion.js')).runCompletion,
  [COMPLETE_COMMAND]: async () => (await import('./commands/complete.js')).runComplete,
  [CONTROLLER_COMMAND]: async () => (await import('./commands/controller.js')).runControllerCommand,
};
