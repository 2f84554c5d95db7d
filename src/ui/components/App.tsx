/**
 * The whole screen. Reads the view store, lays the panes out for the terminal's size, turns keys
 * into state changes and engine commands (keys/handle-key.ts), and calls `onExit` when the person
 * has quit. Holds no sweep state of its own: the engine owns it, the store mirrors it.
 */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { Box, Text, useInput } from 'ink';
import type { SweepClient } from '../../engine/client.js';
import { isActive } from '../../plugin-api/trial-state.js';
import type { ImportanceSource } from '../analysis/importance-source.js';
import type { ReadLog } from '../data/log-source.js';
import { useFront } from '../hooks/use-front.js';
import { useImportance } from '../hooks/use-importance.js';
import { useRowCurves, useTrialHistory } from '../hooks/use-trial-history.js';
import { useResources, type ResourceFeed } from '../hooks/use-resources.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { TerminalSizeSource } from '../terminal/terminal-size.js';
import { useTrialLog } from '../hooks/use-trial-log.js';
import type { Effect } from '../keys/effects.js';
import { contextOf, handleKey, type KeyEnv } from '../keys/handle-key.js';
import { splitPresses } from '../keys/key-name.js';
import { runEffect } from '../keys/run-effect.js';
import { computeLayout, windowStart } from '../state/layout.js';
import { trialUsage } from '../state/resource-groups.js';
import { comparedTrials } from '../state/compare.js';
import { activeTrialIds, cursorRow, joinByActivity, selectRows, selectedTrial } from '../state/rows.js';
import type { ViewStore } from '../state/view-store.js';
import type { Theme } from '../theme/theme.js';
import { ThemeContext } from '../theme/ThemeContext.js';
import { AnalysisView } from './AnalysisView.js';
import { CompareView } from './CompareView.js';
import { DetailPane } from './DetailPane.js';
import { FilterOverlay } from './FilterOverlay.js';
import { FrontView } from './FrontView.js';
import { Footer } from './Footer.js';
import { expandTabs, hardWrap } from '../format/ansi.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LogView } from './LogView.js';
import { NewTrialForm } from './NewTrialForm.js';
import { ResourceLine } from './ResourceLine.js';
import { StatusLine, statusLineHeight } from './StatusLine.js';
import { TooSmall } from './TooSmall.js';
import { TrialTable } from './TrialTable.js';
import { WinnerLine } from './WinnerLine.js';
import type { TuiExit } from '../state/ui-state.js';

export interface AppProps {
  store: ViewStore;
  client: SweepClient;
  readLog: ReadLog;
  size: TerminalSizeSource;
  theme: Theme;
  resources?: ResourceFeed;
  /** q detaches (the sweep runs in a controller elsewhere); Q stops. @default false */
  detachable?: boolean;
  /** Only watches (`attach`): Ctrl-C leaves, as `q` does. */
  viewer?: boolean;
  /** Nothing runs the sweep: keys that would act on it answer with this line. @default undefined */
  readOnly?: string;
  /** Computes parameter importances off the render path for the analysis view (`a`). */
  importances?: ImportanceSource;
  onExit: (reason: TuiExit) => void;
}

export function App({
  store,
  client,
  readLog,
  size: sizeSource,
  theme,
  resources,
  detachable = false,
  viewer = false,
  readOnly,
  importances,
  onExit,
}: AppProps) {
  const { sweep: view, ui } = useSyncExternalStore(store.subscribe, store.getState);
  const size = useTerminalSize(sizeSource);
  // Recorded during render: the frame Ink writes next is laid out for this size (terminal-size.ts).
  sizeSource.markRendered(size);
  // a long message (a prune reason) takes more lines, at most a third of the screen's
  const statusLines = statusLineHeight(view, ui, Math.max(1, size.columns), Math.max(1, Math.floor((size.rows - 1) / 3)));
  const winner = ui.screen === 'table' && ui.overlay?.kind !== 'help' ? (view.info.winner ?? null) : null;
  const layout = computeLayout(size.columns, size.rows, ui.detailOpen, statusLines, winner !== null);
  const sample = useResources(resources);

  // Sorting by id or state only changes when trials appear or change state (revision); by
  // objective or runtime, with every batch of metrics. The default order sorts its settled part
  // (all but the running and paused trials) per revision, its active part per batch.
  const byActivity = ui.sort.key === 'active';
  const sortInput = ui.sort.key === 'id' || ui.sort.key === 'state' ? view.revision : view.trials;
  const settled = useMemo(
    () => (byActivity ? selectRows(view, ui, 'settled') : null),
    [byActivity, view.revision, ui.sort, ui.filter, ui.search],
  );
  const active = useMemo(() => (byActivity ? activeTrialIds(view) : undefined), [byActivity, view.revision]);
  const moving = useMemo(
    () => selectRows(view, ui, byActivity ? 'active' : 'all', active),
    [sortInput, byActivity, active, ui.sort, ui.filter, ui.search],
  );
  const rows = useMemo(
    () => (settled === null ? moving : joinByActivity(moving, settled, ui.sort.reverse)),
    [moving, settled, ui.sort.reverse],
  );
  const cursor = cursorRow(rows, ui);
  const selected = selectedTrial(view, rows, ui);
  const logTrial = ui.log ? view.trials.get(ui.log.trialId) : undefined;
  const log = useTrialLog(
    client,
    readLog,
    ui.screen === 'log' ? ui.log : null,
    !view.outputStreamed && isActive(logTrial?.snapshot.state ?? 'completed'),
  );
  useTrialHistory(store, layout.detailHeight > 0 ? selected : undefined, readLog, view.outputStreamed);
  const top = windowStart(ui.scrollTop, cursor, layout.tableRows, rows.length);
  const analysis = ui.overlay?.kind === 'analysis' ? ui.overlay : null;
  const importance = useImportance(view, importances, analysis !== null);
  const front = useFront(view, ui.overlay);
  const comparing = ui.overlay?.kind === 'compare';
  const compared = useMemo(() => (comparing ? comparedTrials(view, ui.marked) : []), [comparing, view.trials, ui.marked]);
  // the compared trials' curves from disk when they ran before this UI attached (a finished sweep)
  useRowCurves(store, comparing ? compared : rows.slice(top, top + layout.tableRows).map((id) => view.trials.get(id)));

  const env = useRef<Omit<KeyEnv, 'view' | 'now'>>({ rows, layout, logLength: 0, detachable, viewer, readOnly });
  // Wrapped, a long line takes several rows: scrolling counts rows, as the screen does.
  const logRows = useMemo(() => (ui.log?.wrap ? wrapRows(log.lines, layout.width) : log.lines), [log.lines, ui.log?.wrap, layout.width]);
  env.current = { rows, layout, logLength: logRows.length, detachable, viewer, readOnly, front: front?.ids };

  const run = useCallback((effect: Effect) => runEffect(effect, { client, store, onExit }), [client, store, onExit]);

  useInput((input, key) => {
    const presses = splitPresses(input, key);
    let effects: Effect[] = [];
    store.updateUi((s) => {
      let ui = s.ui;
      for (const press of presses) {
        const result = handleKey(ui, press, { ...env.current, view: s.sweep, now: Date.now() });
        effects = effects.concat(result.effects);
        ui = result.ui;
      }
      return ui;
    });
    for (const effect of effects) run(effect);
  });

  // After "stop and quit", leave once the engine says the sweep has finished.
  useEffect(() => {
    if (ui.stopping !== 'no' && view.info.phase === 'finished') onExit(ui.interrupted ? 'interrupted' : 'stopped');
  }, [ui.stopping, ui.interrupted, view.info.phase, onExit]);

  const focus = ui.screen === 'log' ? logTrial : selected;
  const scope = {
    selectedState: focus?.snapshot.state ?? null,
    selectedPromoted: focus?.snapshot.promoted ?? false,
    phase: view.info.phase,
    // a lost controller takes no commands: the footer offers what a finished sweep offers
    finished: view.info.phase === 'finished' || view.disconnected !== null,
    detachable,
    viewer,
    askingToStop: ui.overlay?.kind === 'confirm' && ui.overlay.action === 'quit',
    objectives: view.info.objectives?.length ?? 1,
  };
  const bodyHeight = layout.tableRows + 1 + layout.detailHeight;
  const usageOf = (trial: typeof selected) => (trial ? trialUsage(trial.snapshot, sample?.groups ?? null) : null);

  let body;
  // The help takes the whole frame but the status and footer lines, so it fits at 80×24.
  const helpOpen = ui.overlay?.kind === 'help';
  if (helpOpen) body = <HelpOverlay width={layout.width} height={layout.height - 2} scope={scope} />;
  else if (ui.screen === 'log' && ui.log)
    body = <LogView trial={logTrial} log={ui.log} content={{ ...log, lines: logRows }} height={layout.logLines} />;
  else if (ui.overlay?.kind === 'filter') body = <FilterOverlay view={view} ui={ui} height={bodyHeight} />;
  else if (ui.overlay?.kind === 'form') body = <NewTrialForm form={ui.overlay} height={bodyHeight} />;
  else if (analysis)
    body = (
      <AnalysisView
        view={view}
        importance={importance}
        param={analysis.param}
        plot={analysis.plot}
        width={layout.width}
        height={bodyHeight}
      />
    );
  else if (ui.overlay?.kind === 'front')
    body = <FrontView front={front} pairIndex={ui.overlay.pair} selected={ui.overlay.selected} width={layout.width} height={bodyHeight} />;
  else if (comparing)
    body = (
      <CompareView view={view} trials={compared} marked={ui.marked} plotMetric={ui.plotMetric} width={layout.width} height={bodyHeight} />
    );
  else {
    body = (
      <>
        <TrialTable view={view} rows={rows} ui={ui} layout={layout} usage={sample?.groups ?? null} />
        {layout.detailHeight > 0 ? (
          <DetailPane view={view} trial={selected} ui={ui} width={layout.width} height={layout.detailHeight} usage={usageOf(selected)} />
        ) : null}
      </>
    );
  }

  // No `overflow="hidden"` on the boxes drawn every frame: Ink then re-slices every line inside
  // them (slice-ansi, string-width) on every frame, most of its cost (bench/tui.ts). Each pane is
  // sized to its lines instead; only the briefly shown overlays clip.
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={layout.width} height={layout.height}>
        {layout.tooSmall ? (
          <TooSmall columns={size.columns} rows={size.rows} />
        ) : (
          <>
            {ui.screen === 'table' && !helpOpen ? <Header view={view} width={layout.width} /> : null}
            {winner ? <WinnerLine winner={winner} width={layout.width} /> : null}
            {ui.screen === 'table' && !helpOpen ? (
              // no trial process of a sweep nothing runs is sampled: the line says what this view is instead
              readOnly !== undefined ? (
                <Text dimColor>read-only: nothing runs this sweep</Text>
              ) : (
                <ResourceLine view={view} sample={sample} />
              )
            ) : null}
            {body}
            <StatusLine view={view} ui={ui} cursor={cursor} total={rows.length} width={layout.width} height={statusLines} />
            <Footer context={contextOf(ui)} scope={scope} width={layout.width} />
          </>
        )}
      </Box>
    </ThemeContext.Provider>
  );
}

function wrapRows(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => hardWrap(expandTabs(line), width));
}
