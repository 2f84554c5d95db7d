import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLogSources, type LogSources } from '../../../../src/engine/logs/sources/watch.js';
import type { ExtractedPoint } from '../../../../src/engine/metrics/extractor.js';
import { frameRecord } from '../../../../src/engine/logs/sources/tfrecord.js';
import { EventMessage } from '../../../../src/engine/logs/sources/tensorboard-proto.js';
import { createParsers } from '../../../../src/engine/metrics/parser-list.js';
import { parserPlugins } from '../../../../plugins/parsers/index.js';

let cwd: string;
let sources: LogSources | null;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'sources-'));
  sources = null;
});
afterEach(async () => {
  await sources?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

function start(patterns: string[], extra: { offsets?: Record<string, number>; vars?: Record<string, string> } = {}) {
  const points: Array<ExtractedPoint & { file: string }> = [];
  const offsets: Record<string, number> = {};
  const problems: string[] = [];
  sources = watchLogSources({
    patterns,
    cwd,
    vars: extra.vars ?? { 'trial.dir': join(cwd, 'trials', '3'), 'trial.id': '3' },
    offsets: extra.offsets,
    pollMs: 50,
    createParsers: () => createParsers(parserPlugins),
    onPoints: (batch, file, endOffset) => {
      points.push(...batch.map((p) => ({ ...p, file })));
      offsets[file] = endOffset;
    },
    onProblem: (file, message) => problems.push(`${file}: ${message}`),
  });
  return { points, offsets, problems };
}

const plain = (points: ExtractedPoint[]) => points.map(({ name, step, value }) => ({ name, step, value }));

describe('watchLogSources', () => {
  it('finds files that appear later, in folders that do not exist yet, and follows their appends', async () => {
    const { points } = start(['lightning_logs/version_*/metrics.csv', 'runs/{trial.id}/*.jsonl']);
    await new Promise((r) => setTimeout(r, 200));
    mkdirSync(join(cwd, 'lightning_logs', 'version_0'), { recursive: true });
    const csv = join(cwd, 'lightning_logs', 'version_0', 'metrics.csv');
    writeFileSync(csv, 'epoch,step,train_loss,val_acc\r\n0,49,0.5,\r\n');
    await vi.waitFor(() => expect(points).toHaveLength(1), 5000);
    appendFileSync(csv, '0,49,,0.81\r\n');
    mkdirSync(join(cwd, 'runs', '3'), { recursive: true });
    writeFileSync(join(cwd, 'runs', '3', 'm.jsonl'), '{"step": 7, "loss": 0.25}\n');
    writeFileSync(join(cwd, 'runs', '3', 'ignored.csv'), 'step,loss\n1,2\n');
    await vi.waitFor(() => expect(points).toHaveLength(3), 5000);
    expect(plain(points)).toEqual([
      { name: 'train_loss', step: 49, value: 0.5 },
      { name: 'val_acc', step: 49, value: 0.81 },
      { name: 'loss', step: 7, value: 0.25 },
    ]);
  });

  it('resumes from saved offsets without re-reading, keeping the CSV header', async () => {
    const dir = join(cwd, 'trials', '3');
    mkdirSync(dir, { recursive: true });
    const csv = join(dir, 'metrics.csv');
    writeFileSync(csv, 'epoch,loss\n0,0.9\n1,0.8\n');
    const first = start(['{trial.dir}/metrics.csv']);
    await vi.waitFor(() => expect(first.points).toHaveLength(2), 5000);
    await sources!.stop();
    appendFileSync(csv, '2,0.7\n');
    const second = start(['{trial.dir}/metrics.csv'], { offsets: first.offsets });
    await vi.waitFor(() => expect(second.points).toHaveLength(1), 5000);
    expect(plain(second.points)).toEqual([{ name: 'loss', step: 2, value: 0.7 }]);
  });

  it('reads a truncated or replaced file again from its start', async () => {
    const file = join(cwd, 'log.jsonl');
    writeFileSync(file, '{"step": 1, "loss": 1}\n{"step": 2, "loss": 0.9}\n');
    const { points } = start(['*.jsonl']);
    await vi.waitFor(() => expect(points).toHaveLength(2), 5000);
    writeFileSync(join(cwd, 'next'), '{"step": 1, "acc": 0.5}\n');
    renameSync(join(cwd, 'next'), file);
    await vi.waitFor(() => expect(points).toHaveLength(3), 5000);
    expect(plain(points).at(-1)).toEqual({ name: 'acc', step: 1, value: 0.5 });
  });

  it("reads Lightning's CSV again when it is rewritten with a wider header, without repeating points", async () => {
    const csv = join(cwd, 'metrics.csv');
    writeFileSync(csv, 'epoch,step,train_loss\n0,9,0.5\n0,19,0.4\n');
    const { points, problems } = start(['metrics.csv']);
    await vi.waitFor(() => expect(points).toHaveLength(2), 5000);
    writeFileSync(csv, 'epoch,step,train_loss,val_loss\n0,9,0.5,\n0,19,0.4,\n0,19,,0.45\n');
    await vi.waitFor(() => expect(points).toHaveLength(3), 5000);
    await sources!.stop();
    expect(plain(points)).toEqual([
      { name: 'train_loss', step: 9, value: 0.5 },
      { name: 'train_loss', step: 19, value: 0.4 },
      { name: 'val_loss', step: 19, value: 0.45 },
    ]);
    expect(problems).toEqual([]);
  });

  it('parses text logs with the parsers, flushing a last value being redrawn at stop', async () => {
    const file = join(cwd, 'train.log');
    writeFileSync(file, 'Epoch 1/2\n10/10 [==========] - 1s 1ms/step - loss: 0.5\nEpoch 2/2\n 5/10 [=====.....] - ETA: 0s - loss: 0.4');
    const { points } = start(['train.log']);
    await vi.waitFor(() => expect(points).toHaveLength(1), 5000);
    await sources!.stop();
    expect(plain(points)).toEqual([
      { name: 'loss', step: 1, value: 0.5 },
      { name: 'loss', step: 2, value: 0.4 },
    ]);
  });

  it('reports a corrupt TensorBoard file once, not per record', async () => {
    const event = (step: number) =>
      frameRecord(
        EventMessage.encode(EventMessage.create({ step, summary: { value: [{ tag: 'loss', simple_value: step / 10 }] } })).finish(),
      );
    const bad = Buffer.from(event(2));
    bad[bad.length - 1] ^= 0xff; // breaks the data CRC
    const bad2 = Buffer.from(event(3));
    bad2[bad2.length - 1] ^= 0xff;
    writeFileSync(join(cwd, 'events.out.tfevents.1.host'), Buffer.concat([event(1), bad, bad2, event(4)]));
    const { points, problems } = start(['events.out.tfevents.*']);
    await vi.waitFor(() => expect(points).toHaveLength(2), 5000);
    await new Promise((r) => setTimeout(r, 150));
    expect(plain(points).map((p) => p.step)).toEqual([1, 4]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/CRC mismatch/);
  });

  it('reports bad CSV rows and JSON lines once per file, not per line, and keeps reading', async () => {
    writeFileSync(join(cwd, 'm.csv'), 'step,loss\n1,0.5\n2,0.4,extra\n3,0.3,extra\n4,0.2\n');
    writeFileSync(join(cwd, 'm.jsonl'), '{"step": 1, "acc": 0.1}\nnot json\nnot json either\n{"step": 2, "acc": 0.2}\n');
    const { points, problems } = start(['m.*']);
    await vi.waitFor(() => expect(points).toHaveLength(4), 5000);
    await new Promise((r) => setTimeout(r, 200));
    await sources!.stop();
    expect(
      plain(points)
        .map((p) => `${p.name}@${p.step}`)
        .sort(),
    ).toEqual(['acc@1', 'acc@2', 'loss@1', 'loss@4']);
    expect(problems.sort()).toEqual([
      `${join(cwd, 'm.csv')}: a row has 3 cells but the header has 2; such rows are skipped`,
      expect.stringMatching(/m\.jsonl: the line at byte 24 is not a JSON object/),
    ]);
  });
});
