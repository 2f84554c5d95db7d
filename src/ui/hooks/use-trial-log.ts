/**
 * The log view's lines: the file's tail read once, then the trial's live 'trial:output' lines,
 * committed at most every LIVE_FLUSH_MS (a chatty trial prints thousands of lines a second).
 * Lines that arrive while the file is being read are dropped: they are in the file already,
 * because the engine reports lines it has read from that file. Without streamed output (`poll`),
 * the file is read again every POLL_MS while the trial is live. Every line is made safe to draw
 * (safe-text.ts), its colours kept.
 */
import { useEffect, useRef, useState } from 'react';
import type { SweepClient } from '../../engine/client.js';
import type { ReadLog } from '../data/log-source.js';
import { collapseReturns, splitOutput } from '../format/ansi.js';
import { safeText } from '../format/safe-text.js';

export const LOG_LINE_LIMIT = 20_000;
const LIVE_FLUSH_MS = 100;
const POLL_MS = 1000;

export interface TrialLog {
  lines: readonly string[];
  loading: boolean;
  error: string | null;
}

const empty: TrialLog = { lines: [], loading: false, error: null };

export function useTrialLog(
  client: SweepClient,
  readLog: ReadLog,
  target: { trialId: number; stream: 'stdout' | 'stderr' } | null,
  poll = false,
): TrialLog {
  const [log, setLog] = useState<TrialLog>(empty);
  const reload = useRef<(() => Promise<void>) | null>(null);
  const trialId = target?.trialId ?? null;
  const stream = target?.stream ?? 'stdout';

  useEffect(() => {
    if (trialId === null) {
      setLog(empty);
      return;
    }
    let lines: string[] = [];
    let loaded = false;
    let pending: string[] = [];
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    setLog({ lines: [], loading: true, error: null });

    const publish = () => {
      timer = null;
      if (closed) return;
      lines = bound(lines.concat(pending));
      pending = [];
      setLog({ lines, loading: false, error: null });
    };
    const unsubscribe = client.on('trial:output', (event) => {
      if (!loaded || event.trialId !== trialId || event.stream !== stream) return;
      pending.push(safeText(collapseReturns(event.line), 'colour'));
      timer ??= setTimeout(publish, LIVE_FLUSH_MS);
    });
    const read = () =>
      readLog(trialId, stream).then(
        (text) => {
          if (closed) return;
          loaded = true;
          lines = bound(splitOutput(text)).map((line) => safeText(line, 'colour'));
          setLog({ lines, loading: false, error: null });
        },
        (error: Error) => {
          if (closed) return;
          loaded = true;
          setLog({ lines: [], loading: false, error: error.message });
        },
      );
    void read();
    reload.current = read;
    return () => {
      closed = true;
      reload.current = null;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client, readLog, trialId, stream]);

  // Separate from the effect above, so that output starting to stream does not reset the buffer.
  useEffect(() => {
    if (!poll) return;
    const refresh = setInterval(() => void reload.current?.(), POLL_MS);
    return () => clearInterval(refresh);
  }, [poll]);

  return log;
}

function bound(lines: string[]): string[] {
  return lines.length > LOG_LINE_LIMIT ? lines.slice(lines.length - LOG_LINE_LIMIT) : lines;
}
