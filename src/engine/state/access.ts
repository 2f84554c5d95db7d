import { accessSync, constants } from 'node:fs';

/** False when this user may not look inside `dir` (someone else's sweep, on a shared machine). */
export function canRead(dir: string): boolean {
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
