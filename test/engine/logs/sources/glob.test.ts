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

  it('reads {a,b} as either name, as a shell does', () => {
    const glob = compileGlob('runs/{train,val}/*.{csv,jsonl}', '/w');
    expect(glob.base).toBe('/w/runs');
    expect(glob.matches('/w/runs/val/m.jsonl')).toBe(true);
    expect(glob.matches('/w/runs/test/m.csv')).toBe(false);
    expect(glob.mayContain('/w/runs/train')).toBe(true);
    expect(glob.mayContain('/w/runs/test')).toBe(false);
    const spanning = compileGlob('runs/{a/b,c}/m.csv', '/w');
    expect(spanning.matches('/w/runs/a/b/m.csv')).toBe(true);
    expect(spanning.mayContain('/w/runs/a')).toBe(true);
  });

  it('leaves names starting with a dot to patterns that name the dot, as a shell does', () => {
    expect(compileGlob('*.csv', '/w').matches('/w/.partial.csv')).toBe(false);
    expect(compileGlob('runs/**/m.csv', '/w').matches('/w/runs/.tmp/m.csv')).toBe(false);
    expect(compileGlob('.cache/*/m.csv', '/w').matches('/w/.cache/1/m.csv')).toBe(true);
    expect(
      compileGlob('{trial.dir}/m.csv', '/w', { 'trial.dir': '/home/u/.sweeps/trials/3' }).matches('/home/u/.sweeps/trials/3/m.csv'),
    ).toBe(true);
  });

  it('takes the cwd and variable values as paths, not patterns', () => {
    const cwd = '/w/run [1] (copy)';
    const inCwd = compileGlob('*.csv', cwd);
    expect(inCwd.base).toBe(cwd);
    expect(inCwd.matches(`${cwd}/m.csv`)).toBe(true);
    expect(inCwd.matches('/w/run 1 (copy)/m.csv')).toBe(false);
    const inTrial = compileGlob('{trial.dir}/*.jsonl', '/w', { 'trial.dir': '/s/{old}+(1)!/trials/3' });
    expect(inTrial.base).toBe('/s/{old}+(1)!/trials/3');
    expect(inTrial.matches('/s/{old}+(1)!/trials/3/m.jsonl')).toBe(true);
    expect(inTrial.mayContain('/s/{old}+(1)!/trials')).toBe(true);
    expect(inTrial.mayContain('/s/old/trials')).toBe(false);
    // a literal path written in the pattern itself still names its file
    const written = compileGlob('/s/run (1)/m.csv', '/w');
    expect(written.matches('/s/run (1)/m.csv')).toBe(true);
    expect(written.mayContain('/s/run (1)')).toBe(true);
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
