/**
 * Everything that loads React and Ink. start.tsx imports this module dynamically, after setting
 * NODE_ENV, because React picks its production or development build when it is first loaded.
 */
import { render, type Instance } from 'ink';
import type { SweepClient } from '../engine/client.js';
import { App } from './components/App.js';
import type { ImportanceSource } from './analysis/importance-source.js';
import type { ReadLog } from './data/log-source.js';
import type { ResourceFeed } from './hooks/use-resources.js';
import type { TerminalSizeSource } from './terminal/terminal-size.js';
import type { ViewStore } from './state/view-store.js';
import type { Theme } from './theme/theme.js';
import type { TuiExit } from './state/ui-state.js';

export interface MountOptions {
  client: SweepClient;
  store: ViewStore;
  readLog: ReadLog;
  size: TerminalSizeSource;
  theme: Theme;
  resources?: ResourceFeed;
  detachable?: boolean;
  viewer?: boolean;
  /** Keys that would act on the sweep answer with this line (see TuiOptions.readOnly). */
  readOnly?: string;
  importances?: ImportanceSource;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  onExit: (reason: TuiExit) => void;
}

export function mountApp(options: MountOptions): Instance {
  const { client, store, readLog, size, theme, resources, detachable, viewer, readOnly, importances, onExit } = options;
  const app = (
    <App
      store={store}
      client={client}
      readLog={readLog}
      size={size}
      theme={theme}
      resources={resources}
      detachable={detachable}
      viewer={viewer}
      readOnly={readOnly}
      importances={importances}
      onExit={onExit}
    />
  );
  return render(app, {
    stdout: options.stdout,
    stdin: options.stdin,
    // Ctrl-C is a key of ours (stop, then force), as in headless mode.
    exitOnCtrlC: false,
    // console.* goes to the status line (terminal/console-capture.ts), not above the frame.
    patchConsole: false,
    // Whole frames: the output proxy compares them with what the terminal shows and sends only
    // the cells that changed (terminal/frame-diff.ts), less than Ink's incremental rendering, which
    // rewrites each changed line in full.
    incrementalRendering: false,
    // Data frames are already limited to ~10/s by the view store; this only bounds key repeats.
    maxFps: 60,
  });
}
