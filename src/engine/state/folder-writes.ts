/**
 * Writes into a trial's folder made off the event loop, in the order they were asked for: a
 * launch record with the pid, then the result, then — when the trial runs again — its folder's
 * next preparation, which moves those files aside and must find them there. One controller
 * writes a sweep's folders, so an in-process queue per folder is the whole ordering.
 */

/** The last write queued into each folder; a folder leaves the map once its writes are done. */
const lastWrite = new Map<string, Promise<void>>();

/**
 * Runs `write` once the writes queued into `folder` before it have settled. The returned promise
 * settles as `write` does; a failed write does not stop the ones queued after it.
 */
export function queueFolderWrite(folder: string, write: () => Promise<void>): Promise<void> {
  const written = (lastWrite.get(folder) ?? Promise.resolve()).then(write);
  const settled = written.then(
    () => {},
    () => {},
  );
  lastWrite.set(folder, settled);
  void settled.then(() => {
    if (lastWrite.get(folder) === settled) lastWrite.delete(folder);
  });
  return written;
}

/** Resolves once every write queued into `folder` so far has settled. */
export function folderWritesSettled(folder: string): Promise<void> {
  return lastWrite.get(folder) ?? Promise.resolve();
}

/** Resolves once every write queued so far, into any folder, has settled. */
export async function allFolderWritesSettled(): Promise<void> {
  await Promise.all(lastWrite.values());
}
