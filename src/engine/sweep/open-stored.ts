/** A sweep directory turned back into a runnable Sweep, from the config text stored in it. */
import { parseSweepText } from '../config/load.js';
import { resolveSweep } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { readSweepDocument } from '../state/sweep-store.js';
import { restoreTrials } from './restore.js';
import { Sweep } from './sweep.js';

export async function openStoredSweep(dir: string, options: { trialsTarget?: number } = {}): Promise<Sweep> {
  let document;
  try {
    document = await readSweepDocument(dir);
  } catch (error) {
    throw new UserError(`${dir}/sweep.json: cannot read it (${(error as Error).message.split('\n')[0]})`);
  }
  if (!document) throw new UserError(`${dir}: no sweep.json here; not a sweep directory`);
  const stored = document.config as { file?: string; path?: string };
  if (!stored.path || typeof document.configText !== 'string') throw new UserError(`${dir}/sweep.json: no stored sweep file; cannot resume`);
  // The stored text, not the file on disk: the sweep continues as it was started.
  const loaded = parseSweepText(stored.file ?? stored.path, stored.path, document.configText);
  let sweep: Sweep | undefined;
  const resolved = await resolveSweep(loaded, document.configText, { sweepDir: dir, stopLaunching: (reason) => sweep?.stopLaunching(reason) });
  sweep = new Sweep({ resolved, dir, reproducibility: document.reproducibility, createdAt: document.createdAt });
  sweep.restore(document, await restoreTrials(sweep, document), options);
  return sweep;
}
