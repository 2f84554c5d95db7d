/** Renders the App with ink-testing-library against a FakeClient, for component tests. */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/components/App.js';
import type { ImportanceSource } from '../../src/ui/analysis/importance-source.js';
import type { ReadLog } from '../../src/ui/data/log-source.js';
import type { ResourceFeed } from '../../src/ui/hooks/use-resources.js';
import { initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { EngineEventRecord } from '../../src/ui/state/sweep-view.js';
import { initialUiState, type TuiExit, type UiState } from '../../src/ui/state/ui-state.js';
import { ViewStore } from '../../src/ui/state/view-store.js';
import { TerminalSizeSource } from '../../src/ui/terminal/terminal-size.js';
import { colourTheme, type Theme } from '../../src/ui/theme/theme.js';
import { ENGINE_EVENT_NAMES } from '../../src/engine/events.js';
import type { FakeClient } from './fake-client.js';

/** Every event, as the real TUI subscribes (start.tsx). */
const EVENTS = ENGINE_EVENT_NAMES;

export interface Rendered {
  client: FakeClient;
  store: ViewStore;
  frame(): string;
  type(keys: string): Promise<void>;
  until(check: (frame: string) => boolean, what?: string, ms?: number): Promise<string>;
  exits: TuiExit[];
  size: EventEmitter & { columns: number; rows: number };
  cleanup(): void;
}

/** ink-testing-library's stdout is 100 columns wide; the layout uses the same width. */
export function renderApp(
  client: FakeClient,
  options: {
    rows?: number;
    theme?: Theme;
    readLog?: ReadLog;
    resources?: ResourceFeed;
    readOnly?: string;
    ui?: Partial<UiState>;
    importances?: ImportanceSource;
  } = {},
): Rendered {
  // most tests walk the trials in id order; the default order has its own tests (options.ui)
  const ui: UiState = { ...initialUiState, sort: { key: 'id', reverse: false }, ...options.ui };
  const store = new ViewStore({ sweep: initialSweepView(client.snapshot(), Date.now()), ui }, { minIntervalMs: 5, tickMs: 0 });
  const unsubscribes = EVENTS.map((name) => client.on(name, (payload) => store.push({ name, payload } as EngineEventRecord)));
  const size = Object.assign(new EventEmitter(), { columns: 100, rows: options.rows ?? 30 });
  const source = new TerminalSizeSource(size as unknown as NodeJS.WriteStream);
  const exits: TuiExit[] = [];
  const app = render(
    <App
      store={store}
      client={client}
      readLog={options.readLog ?? (async () => '')}
      size={source}
      theme={options.theme ?? colourTheme}
      resources={options.resources}
      readOnly={options.readOnly}
      importances={options.importances}
      onExit={(reason) => exits.push(reason)}
    />,
  );
  const frame = () => app.lastFrame() ?? '';
  const until = (check: (frame: string) => boolean, what = 'the expected frame', ms = 3000): Promise<string> =>
    vi.waitFor(
      () => {
        const last = frame();
        if (check(last)) return last;
        throw new Error(`timed out waiting for ${what}; last frame:\n${last}`);
      },
      { timeout: ms, interval: 10 },
    );
  const type = async (keys: string) => {
    for (const key of keys) {
      app.stdin.write(key);
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  return {
    client,
    store,
    frame,
    type,
    until,
    exits,
    size,
    cleanup: () => {
      app.unmount();
      app.cleanup();
      for (const u of unsubscribes) u();
      store.dispose();
      source.dispose();
    },
  };
}

export const plain = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');
export const row = (frame: string, id: number) =>
  plain(frame)
    .split('\n')
    .find((line) => new RegExp(`^.{4}\\s*${id} `).test(line)) ?? '';
