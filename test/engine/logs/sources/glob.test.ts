import { describe, expect, it } from 'vitest';
import { compileGlob, expandVariables, parseLogPatterns } from '../../../../src/engine/logs/sources/glob.js';
import { fileKind } from '../../../../src/engine/logs/sources/file-kind.js';

describe('log patterns', () => {
  it('fills trial variables and refuses unknown ones', () => {
    expect(expandVariables('{trial.dir}/m.csv', { 'trial.dir': '/s/trials/3' })).toBe('/s/trials/3/m.csv');
    expect(() => expandVariables('{trial.name}/m.csv', { 'trial.dir': 'x', 'trial.id': '3' })).toThrow(
      'unknown variable {trial.name}; valid: {trial.dir}, {trial.id}',
    );
    expect(() => parseLogPatterns(['a.csv', 3])).toThrow(/^logs\[1\]: expected a file pattern/);
    expect(() => parseLogPatterns(['{trial.x}/a'])).toThrow(/^logs\[0\]: unknown variable/);
    expect(parseLogPatterns(['{trial.dir}/metrics.csv'])).toEqual(['{trial.dir}/metrics.csv']);
  });

  it('matches *, ?, [..] within a folder and ** across folders, relative to the cwd', () => {
    const glob = compileGlob('lightning_logs/version_*/metrics.csv', '/w');
    expect(glob.base).toBe('/w/lightning_logs');
    expect(glob.matches('/w/lightning_logs/version_12/metrics.csv')).toBe(true);
    expect(glob.matches('/w/lightning_logs/version_1/sub/metrics.csv')).toBe(false);
    expect(glob.mayContain('/w/lightning_logs/version_1')).toBe(true);
    expect(glob.mayContain('/w/other')).toBe(false);
    const deep = compileGlob('runs/**/events.out.tfevents.*', '/w');
    expect(deep.matches('/w/runs/events.out.tfevents.1.host')).toBe(true);
    expect(deep.matches('/w/runs/a/b/events.out.tfevents.1.host')).toBe(true);
    expect(deep.matches('/w/runs/a/b/metrics.csv')).toBe(false);
    const classes = compileGlob('/abs/m[0-9]?.jsonl', '/w');
    expect(classes.matches('/abs/m1a.jsonl')).toBe(true);
    expect(classes.matches('/abs/mxa.jsonl')).toBe(false);
  });

  it('tells the file type from the name', () => {
    expect(['a/metrics.csv', 'x.JSONL', 'events.out.tfevents.1712.host.1', 'train.log', 'out.txt'].map(fileKind)).toEqual([
      'csv',
      'jsonl',
      'tfevents',
      'text',
      'text',
    ]);
  });
});
