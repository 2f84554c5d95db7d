import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/cli/commands/metrics.js';
import { frameRecord } from '../../src/engine/logs/sources/tfrecord.js';
import { EventMessage } from '../../src/engine/logs/sources/tensorboard-proto.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const log = (name: string) => join(FIXTURES, 'logs', name);

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function metrics(...args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runMetrics(args, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sweeptop metrics', () => {
  it('--json prints exactly one {format, name, step, value} object per line, then the echoed configuration, and nothing else', async () => {
    const { code, stdout, stderr } = await metrics(log('kv.log'), '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    // argparse's Namespace(lr=0.01, batch_size=64, epochs=3) is configuration, not metrics
    expect(lines.pop()).toBe('{"format":1,"echoed":{"lr":0.01,"batch_size":64,"epochs":3}}');
    for (const line of lines) expect(Object.keys(JSON.parse(line))).toEqual(['format', 'name', 'step', 'value']);
    expect(lines[0]).toBe('{"format":1,"name":"loss","step":1,"value":0.9123}');
    expect(lines).toContain('{"format":1,"name":"loss","step":400,"value":"nan"}');
    expect(lines).toContain('{"format":1,"name":"grad_norm","step":400,"value":"inf"}');
    // a step-less line takes the latest step seen, as a sweep records it
    expect(lines).toContain('{"format":1,"name":"val_loss","step":400,"value":0.4411}');
  });

  it('keeps fractional steps and writes -inf as a string', async () => {
    const file = join(dir, 'train.log');
    writeFileSync(file, "{'loss': -inf, 'epoch': 2.5}\n");
    expect((await metrics(file, '--json')).stdout).toBe('{"format":1,"name":"loss","step":2.5,"value":"-inf"}\n');
  });

  it('prints a table of each metric by default, saying which parser read it', async () => {
    const { code, stdout } = await metrics(log('keras3.log'));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${log('keras3.log')} (a text log, parsers: auto)`);
    expect(lines[1]).toMatch(/^metric\s+via\s+points\s+steps\s+last\s+min\s+max$/);
    expect(lines.find((l) => l.startsWith('val_loss '))).toMatch(/^val_loss\s+keras\s+2\s+1…2\s+0\.109\s+0\.109\s+0\.148$/);
  });

  it('reads CSV, JSON lines and TensorBoard files by their names', async () => {
    writeFileSync(join(dir, 'metrics.csv'), 'epoch,step,val_loss\n0,10,0.5\n');
    writeFileSync(join(dir, 'm.jsonl'), '{"step": 3, "acc": 0.75}\n');
    const event = EventMessage.encode(
      EventMessage.create({ step: 7, summary: { value: [{ tag: 'Loss/val', simple_value: 0.25 }] } }),
    ).finish();
    writeFileSync(join(dir, 'events.out.tfevents.1.host'), frameRecord(event));
    expect((await metrics(join(dir, 'metrics.csv'), '--json')).stdout).toBe('{"format":1,"name":"val_loss","step":10,"value":0.5}\n');
    expect((await metrics(join(dir, 'm.jsonl'), '--json')).stdout).toBe('{"format":1,"name":"acc","step":3,"value":0.75}\n');
    expect((await metrics(join(dir, 'events.out.tfevents.1.host'), '--json')).stdout).toBe(
      '{"format":1,"name":"Loss/val","step":7,"value":0.25}\n',
    );
  });

  it('--parser narrows the parsers', async () => {
    const { code, stdout } = await metrics(log('mixed.log'), '--json', '--parser', 'json');
    expect(code).toBe(0);
    expect(stdout).toBe('{"format":1,"name":"lr","step":1875,"value":0.001}\n');
    const bad = await metrics(log('mixed.log'), '--parser', 'kerass');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^sweeptop metrics: --parser: unknown parser "kerass"; valid: auto, fairseq, /);
  });

  it('exits 0 with a note on stderr when nothing is found', async () => {
    const file = join(dir, 'quiet.log');
    writeFileSync(file, 'hello\nno numbers here\n');
    const { code, stdout, stderr } = await metrics(file, '--json');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^no metrics found in .*quiet\.log \(read as a text log, parsers: auto\)/);
  });

  it('exits 2 with one line on stderr for a missing file, a folder, or bad usage', async () => {
    for (const args of [[join(dir, 'missing.log')], [dir], [], ['a', 'b'], [log('kv.log'), '--bogus']]) {
      const { code, stdout, stderr } = await metrics(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stderr).toMatch(/^sweeptop metrics: /);
      expect(stderr).not.toMatch(/\bat \//); // no stack trace
    }
    expect((await metrics(join(dir, 'missing.log'))).stderr).toContain('missing.log: no such file');
  });

  it("--config uses the sweep file's rules and parser list, and points at a bad rule", async () => {
    const sweep = join(dir, 'sweep.yaml');
    const head =
      'command: python train.py --lr {lr}\nparameters:\n  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}\ntrials: 2\nmetric: {name: val_acc, goal: maximize}\n';
    writeFileSync(sweep, `${head}metrics:\n  - regex: 'val acc (?<value>[0-9.]+) at step (?<step>\\d+)'\n    name: val_acc\nparsers: []\n`);
    const file = join(dir, 'train.log');
    writeFileSync(file, 'loss=0.5\nval acc 0.91 at step 300\n');
    const ok = await metrics(file, '--json', '--config', sweep);
    expect(ok.stdout).toBe('{"format":1,"name":"val_acc","step":300,"value":0.91}\n');
    writeFileSync(sweep, `${head}metrics:\n  - regex: '(?<v>x'\n    name: val_acc\n`);
    const bad = await metrics(file, '--config', sweep);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^sweeptop metrics: .*sweep\.yaml:7:\d+: metrics\[0\]\.regex: invalid regular expression/);
  });

  it('sees the objective of every format of the fake trainer (fixtures/train.mjs)', async () => {
    const objective: Record<string, string> = {
      kv: 'val_loss',
      json: 'val_loss',
      keras: 'val_loss',
      hf: 'eval_loss',
      tqdm: 'val_loss',
      lightning: 'val_loss',
      xgboost: 'validation_1-logloss',
      pytorch: 'Average loss',
      nanogpt: 'val/loss',
    };
    mkdirSync(join(dir, 'out'));
    for (const [format, name] of Object.entries(objective)) {
      const file = join(dir, 'out', `${format}.log`);
      // stdout and stderr into one file, as a sweep gives them to a trial
      const fd = openSync(file, 'w');
      spawnSync(process.execPath, [join(FIXTURES, 'train.mjs'), '--format', format, '--epochs', '3', '--epoch-ms', '0'], {
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      const points = (await metrics(file, '--json')).stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; step: number | null });
      const steps = points.filter((p) => p.name === name && p.step !== null);
      expect(steps.length, `${format}: ${name}`).toBeGreaterThanOrEqual(3);
    }
  });
});
