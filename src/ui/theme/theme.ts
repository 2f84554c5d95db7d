/**
 * Semantic colours: components ask for `theme.state.pruned` or `theme.best`, never for 'red'.
 * Only the 8 basic colours and gray are used, so the UI looks the same in 16-colour terminals,
 * tmux and screen. Every state is also spelled out as a word, so nothing depends on colour; the
 * plain theme (NO_COLOR) keeps only inverse/bold, which are not colours.
 */
import type { TrialState } from '../../plugin-api/trial-state.js';

/** An Ink colour name, or undefined for the terminal's default. */
export type Colour = string | undefined;

/** A colour used both by Ink (`ink`) and inside asciichart plots (`ansi` escape). */
export interface PlotColour {
  ink: Colour;
  ansi: string | undefined;
}

export interface Theme {
  name: 'colour' | 'plain';
  state: Record<TrialState, Colour>;
  best: Colour;
  promoted: Colour;
  muted: Colour;
  accent: Colour;
  info: Colour;
  warn: Colour;
  error: Colour;
  key: Colour;
  chart: {
    selected: PlotColour;
    best: PlotColour;
    threshold: PlotColour;
    /** Trials marked with `space`, in marking order (cycled). */
    marks: readonly PlotColour[];
  };
}

const plot = (ink: string, code: number): PlotColour => ({ ink, ansi: `\x1b[${code}m` });

export const colourTheme: Theme = {
  name: 'colour',
  state: {
    queued: 'gray',
    pending: 'blue',
    running: 'green',
    paused: 'yellow',
    completed: 'cyan',
    failed: 'red',
    pruned: 'magenta',
    killed: 'gray',
    timed_out: 'red',
    lost: 'red',
  },
  best: 'yellow',
  promoted: 'cyan',
  muted: 'gray',
  accent: 'cyan',
  info: undefined,
  warn: 'yellow',
  error: 'red',
  key: 'cyan',
  chart: {
    selected: plot('green', 32),
    best: plot('yellow', 33),
    threshold: plot('red', 31),
    marks: [plot('magenta', 35), plot('cyan', 36), plot('blue', 34), plot('white', 37), plot('gray', 90)],
  },
};

const none: PlotColour = { ink: undefined, ansi: undefined };

export const plainTheme: Theme = {
  name: 'plain',
  state: {
    queued: undefined,
    pending: undefined,
    running: undefined,
    paused: undefined,
    completed: undefined,
    failed: undefined,
    pruned: undefined,
    killed: undefined,
    timed_out: undefined,
    lost: undefined,
  },
  best: undefined,
  promoted: undefined,
  muted: undefined,
  accent: undefined,
  info: undefined,
  warn: undefined,
  error: undefined,
  key: undefined,
  chart: { selected: none, best: none, threshold: none, marks: [none] },
};

/**
 * https://no-color.org: NO_COLOR set to anything but the empty string turns colour off; so do
 * FORCE_COLOR=0 and a dumb terminal.
 */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const off = (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.FORCE_COLOR === '0' || env.TERM === 'dumb';
  return off ? plainTheme : colourTheme;
}
