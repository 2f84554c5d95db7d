/**
 * Restores the terminal on a crash or a terminating signal, then lets the process go on as it
 * would have without us: an uncaught error is re-thrown (Node prints it and exits 1) and a signal
 * nobody else handles is re-raised (the process dies of it). Handlers are removed on a normal exit.
 */
const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

/** `onSignal` runs after the restore when someone else will handle the signal (the CLI). */
export function installRestoreGuards(restore: () => void, onSignal?: (signal: NodeJS.Signals) => void): () => void {
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('uncaughtException', onError);
    for (const signal of SIGNALS) process.off(signal, handleSignal);
    process.off('exit', onExit);
  };
  const onError = (error: unknown) => {
    restore();
    remove();
    if (process.listenerCount('uncaughtException') === 0) {
      process.nextTick(() => {
        throw error;
      });
    }
  };
  const handleSignal = (signal: NodeJS.Signals) => {
    restore();
    remove();
    // The CLI may handle it too (stopping the sweep); only re-raise when nobody else listens.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    else onSignal?.(signal);
  };
  const onExit = () => restore();

  process.on('uncaughtException', onError);
  for (const signal of SIGNALS) process.on(signal, handleSignal);
  process.on('exit', onExit);
  return remove;
}
