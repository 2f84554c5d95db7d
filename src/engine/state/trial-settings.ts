/**
 * A trial's own settings over the sweep's: today its number of repeats, when it was added with
 * more than the sweep file's (`rerun --repeats`, the addTrial command). They decide how many runs
 * the trial has, so they are part of its identity on disk: written into its folder with
 * params.json, before its first run starts. sweep.json, written at most twice a second, may never
 * have heard of the trial when its controller was killed; without this file, `resume` would give
 * the trial the sweep's repeats and drop the runs it was added for, without a word.
 */
import { readFileSync } from 'node:fs';

export interface TrialSettings {
  repeats: number;
}

export function settingsText(settings: TrialSettings): string {
  return JSON.stringify(settings, null, 2) + '\n';
}

/** The settings in `path`: null when the trial has none of its own (no file), or what is wrong with it. */
export function readTrialSettings(path: string): { settings: TrialSettings | null } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { settings: null } : { problem: `settings.json cannot be read (${code ?? (error as Error).message})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'settings.json is not valid JSON (cut short or damaged)' };
  }
  const repeats = (data as { repeats?: unknown } | null)?.repeats;
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 1)
    return { problem: "settings.json does not hold the trial's repeats (an integer ≥ 1)" };
  return { settings: { repeats } };
}
