import { describe, expect, it } from 'vitest';
import { splitPresses } from '../../src/ui/keys/key-name.js';
import { footerHints } from '../../src/ui/keys/footer-hints.js';
import { KEY_TABLE, commandFor, helpText, type BindingScope, type KeyContext } from '../../src/ui/keys/key-table.js';
import { helpLines, packColumns } from '../../src/ui/components/HelpOverlay.js';
import type { Key } from 'ink';

const contexts: KeyContext[] = ['table', 'log', 'help', 'confirm', 'filter', 'search', 'form', 'compare', 'analysis'];

describe('the key table', () => {
  it('binds each key once per context', () => {
    for (const context of contexts) {
      const seen = new Map<string, string>();
      for (const binding of KEY_TABLE.filter((b) => b.contexts.includes(context))) {
        for (const key of binding.keys) {
          expect(seen.get(key), `${context}: ${key} bound to ${seen.get(key)} and ${binding.command}`).toBeUndefined();
          seen.set(key, binding.command);
        }
      }
    }
  });

  it('has every key the issue asks for in the table view', () => {
    const keys: [string, string][] = [
      ['up', 'nav.up'],
      ['k', 'nav.up'],
      ['down', 'nav.down'],
      ['j', 'nav.down'],
      ['pageup', 'nav.pageUp'],
      ['pagedown', 'nav.pageDown'],
      ['g', 'nav.top'],
      ['G', 'nav.bottom'],
      ['enter', 'detail.toggle'],
      ['space', 'trial.mark'],
      ['c', 'compare.open'],
      ['a', 'analysis.open'],
      ['l', 'log.open'],
      ['p', 'trial.pause'],
      ['x', 'trial.kill'],
      ['P', 'trial.promote'],
      ['+', 'sweep.parallelUp'],
      ['-', 'sweep.parallelDown'],
      ['s', 'sort.cycle'],
      ['S', 'sort.reverse'],
      ['f', 'filter.open'],
      ['/', 'search.open'],
      ['m', 'plot.cycleMetric'],
      ['n', 'trial.new'],
      ['?', 'help.open'],
      ['escape', 'overlay.close'],
      ['q', 'app.quit'],
      ['Q', 'app.stop'],
      ['ctrl+c', 'app.interrupt'],
    ];
    for (const [key, command] of keys) expect(commandFor('table', key), key).toBe(command);
    expect(commandFor('log', 'G')).toBe('log.follow');
    for (const key of ['q', 'escape', 'l']) expect(commandFor('log', key)).toBe('log.close');
  });

  it('draws the help from the same table: every table and log binding is listed', () => {
    const scope: BindingScope = { selectedState: null, selectedPromoted: false, phase: 'running', finished: false, detachable: false };
    const lines = helpLines(scope);
    for (const binding of KEY_TABLE.filter((b) => b.contexts.includes('table') || b.contexts.includes('log'))) {
      expect(
        lines.some((l) => l.label === binding.label && l.text === helpText(binding, scope)),
        binding.command,
      ).toBe(true);
    }
    expect(helpLines({ ...scope, detachable: true }).find((l) => l.label === 'q')?.text).toBe('detach: quit, the sweep goes on');
  });

  it('says what ★ marks: the best trial, or with several objectives a trial on the Pareto front', () => {
    const scope: BindingScope = { selectedState: null, selectedPromoted: false, phase: 'running', finished: false, detachable: false };
    expect(helpLines(scope).find((l) => l.label === '★')?.text).toMatch(/^best trial /);
    expect(helpLines({ ...scope, objectives: 2 }).find((l) => l.label === '★')?.text).toMatch(/^on the front /);
  });

  it('names each key once per section of the help (←/→ is one line, not also a line of →)', () => {
    const scope: BindingScope = { selectedState: null, selectedPromoted: false, phase: 'running', finished: false, detachable: false };
    let section = '';
    const seen = new Map<string, string>();
    for (const line of helpLines(scope)) {
      if (line.heading) {
        section = line.text;
        seen.clear();
        continue;
      }
      // '/' is the search key itself; elsewhere it separates the keys of one line ('←/→', 'q/Esc/l')
      const keys = line.label === '/' ? ['/'] : (line.label ?? '').split('/');
      for (const key of keys) {
        expect(seen.get(key), `${section}: ${key} in "${seen.get(key)}" and in "${line.text}"`).toBeUndefined();
        seen.set(key, line.text);
      }
    }
  });

  it('packs the help in columns without leaving a heading at the foot of one, and titles a section again where it goes on', () => {
    const line = (text: string, heading = false) => (heading ? { text, heading } : { label: 'k', text });
    const lines = [line('A', true), line('a1'), line('a2'), line('B', true), line('b1'), line('b2'), line('b3')];
    const columns = packColumns(lines, 4);
    expect(columns.map((c) => c.map((l) => l.text))).toEqual([
      ['A', 'a1', 'a2'],
      ['B', 'b1', 'b2', 'b3'],
    ]);
    expect(packColumns(lines.slice(0, 3).concat(line('a3'), line('a4')), 3).map((c) => c.map((l) => l.text))).toEqual([
      ['A', 'a1', 'a2'],
      ['A (continued)', 'a3', 'a4'],
    ]);
  });

  it('words the footer for the selected trial and leaves out what does not apply', () => {
    const running = footerHints('table', {
      selectedState: 'running',
      selectedPromoted: false,
      phase: 'running',
      finished: false,
      detachable: false,
    });
    expect(running.slice(0, 3).map((h) => `${h.label} ${h.text}`)).toEqual(['p pause', 'x kill', 'P promote']);
    const paused = footerHints('table', {
      selectedState: 'paused',
      selectedPromoted: true,
      phase: 'running',
      finished: false,
      detachable: true,
    });
    expect(paused.map((h) => h.text)).toContain('resume');
    expect(paused.map((h) => h.text)).not.toContain('promote');
    expect(paused.map((h) => `${h.label} ${h.text}`)).toEqual(expect.arrayContaining(['q detach', 'Q stop']));
    expect(running.map((h) => h.label)).not.toContain('Q');
    const done = footerHints('table', {
      selectedState: 'completed',
      selectedPromoted: false,
      phase: 'finished',
      finished: true,
      detachable: false,
    });
    for (const label of ['p', 'x', '+', 'n']) expect(done.map((h) => h.label)).not.toContain(label);
  });
});

describe('key presses', () => {
  const key = (patch: Partial<Key> = {}): Key =>
    ({
      upArrow: false,
      downArrow: false,
      leftArrow: false,
      rightArrow: false,
      pageDown: false,
      pageUp: false,
      home: false,
      end: false,
      return: false,
      escape: false,
      ctrl: false,
      shift: false,
      tab: false,
      backspace: false,
      delete: false,
      meta: false,
      super: false,
      hyper: false,
      capsLock: false,
      numLock: false,
      ...patch,
    }) as Key;

  it('names single keys', () => {
    expect(splitPresses('', key({ upArrow: true }))).toEqual([{ name: 'up', text: '' }]);
    expect(splitPresses('', key({ escape: true, meta: true }))).toEqual([{ name: 'escape', text: '' }]);
    expect(splitPresses('c', key({ ctrl: true }))).toEqual([{ name: 'ctrl+c', text: '' }]);
    expect(splitPresses(' ', key())).toEqual([{ name: 'space', text: ' ' }]);
    expect(splitPresses('', key({ delete: true }))).toEqual([{ name: 'backspace', text: '' }]);
  });

  it('splits a burst into presses, Enter and Backspace included (SSH, tmux send-keys, paste)', () => {
    expect(splitPresses('jjx\r', key()).map((p) => p.name)).toEqual(['j', 'j', 'x', 'enter']);
    expect(splitPresses('ab\x7f\x03', key()).map((p) => p.name)).toEqual(['a', 'b', 'backspace', 'ctrl+c']);
  });
});
