/**
 * A sweep directory turned back into a runnable Sweep, from the sweep file stored in it: sweep.json's
 * copy, or — when sweep.json is damaged — sweep.yaml, with the trials from their folders. A
 * controller that takes a directory of an earlier format over writes the current format's files.
 */
import { parseSweepText } from '../config/load.js';
import { resolveSweep } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { sweepPaths } from '../state/layout.js';
import { loadSweep, type StoredSweep } from '../state/load-sweep.js';
import type { SweepMetadata } from '../state/records.js';
import { keepDamagedDocument } from '../state/sweep-document.js';
import { writeSweepOrigin } from '../state/sweep-origin.js';
import { restoreTrials } from './restore.js';
import { Sweep } from './sweep.js';
import { recoverWarmStart } from './warm-start-recovery.js';

export interface OpenOptions {
  trialsTarget?: number;
  /** Told what could not be read and what was used instead (see loadSweep). */
  onNotice?: (notice: string) => void;
  /**
   * Queue again the trials an earlier stop killed (what resume does). False when opened only to
   * be stopped (`sweeptop stop` on a dead controller): a new attempt would be killed at once.
   * @default true
   */
  requeueStopped?: boolean;
}

export async function openStoredSweep(dir: string, options: OpenOptions = {}): Promise<Sweep> {
  const stored = await loadResumable(dir);
  for (const notice of stored.notices) options.onNotice?.(notice);
  for (const trial of stored.trials) {
    if (!trial.unreadableParams) continue;
    const fate = trial.state === 'lost' ? 'it is recorded as lost and is not run again' : 'it runs on as started, and is not run again';
    options.onNotice?.(`trial ${trial.id}: ${trial.unreadableParams}; ${fate}`);
  }
  const { file, path, text } = stored.sweepFile!;
  // The stored text, not the file on disk: the sweep continues as it was started.
  const loaded = parseSweepText(file, path, text);
  let sweep: Sweep | undefined;
  const resolved = await resolveSweep(loaded, text, { sweepDir: dir, stopLaunching: (reason) => sweep?.stopLaunching(reason) });
  // the history read when the sweep was created, not the earlier sweeps as they are now
  resolved.warmStart = stored.document
    ? (stored.document.warmStart ?? null)
    : await recoverWarmStart(loaded.config, stored.identity ?? null, (notice) => options.onNotice?.(notice));
  const createdAt = stored.document?.createdAt ?? stored.identity?.createdAt ?? Date.now();
  // without sweep.json, the sweep file came from sweep.yaml through sweeptop.json (loadResumable)
  const reproducibility = stored.document?.reproducibility ?? stored.identity!.reproducibility;
  if (!stored.document) keepDamagedDocument(dir);
  writeSweepOrigin(dir, { sweepFile: { file, path }, text, createdAt, reproducibility });
  sweep = new Sweep({ resolved, dir, reproducibility, createdAt });
  const metadata: SweepMetadata = stored.document ?? {
    createdAt,
    parallel: loaded.config.parallel,
    trialsTarget: resolved.trialsTarget,
    interventions: [],
  };
  sweep.restore(metadata, await restoreTrials(sweep, stored), options);
  return sweep;
}

/** The sweep, when it can be resumed: its sweep file must be readable from sweep.json or sweep.yaml. */
export async function loadResumable(dir: string): Promise<StoredSweep> {
  const stored = await loadSweep(dir);
  if (!stored.sweepFile) {
    throw new UserError(
      `${dir}: cannot resume: its sweep file is lost (${stored.sweepFileLost}); ` +
        `every trial's results are still in ${sweepPaths(dir).trials}/, and \`sweeptop export ${dir}\` reads them`,
    );
  }
  return stored;
}
