/** A sweep directory turned back into a runnable Sweep, from the sweep file stored in it. */
import { parseSweepText } from '../config/load.js';
import { resolveSweep } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { sweepPaths } from '../state/layout.js';
import { loadSweep, type StoredSweep } from '../state/load-sweep.js';
import { restoreTrials } from './restore.js';
import { Sweep } from './sweep.js';

export interface OpenOptions {
  trialsTarget?: number;
  /** Told what could not be read and what was used instead (see loadSweep). */
  onNotice?: (notice: string) => void;
}

export async function openStoredSweep(dir: string, options: OpenOptions = {}): Promise<Sweep> {
  const stored = await loadResumable(dir);
  for (const notice of stored.notices) options.onNotice?.(notice);
  const { file, path, text } = stored.sweepFile!;
  const document = stored.document!;
  // The stored text, not the file on disk: the sweep continues as it was started.
  const loaded = parseSweepText(file, path, text);
  let sweep: Sweep | undefined;
  const resolved = await resolveSweep(loaded, text, { sweepDir: dir, stopLaunching: (reason) => sweep?.stopLaunching(reason) });
  sweep = new Sweep({ resolved, dir, reproducibility: document.reproducibility, createdAt: document.createdAt });
  sweep.restore(document, await restoreTrials(sweep, stored), options);
  return sweep;
}

/** The sweep, when it can be resumed: its sweep file must be readable from sweep.json. */
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
