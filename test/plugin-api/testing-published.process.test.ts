/**
 * `sweeptop/testing` as a plugin author uses it: a project of their own, with sweeptop and vitest
 * installed, runs the contract suites from its own vitest file — they pass on a sound plugin, and
 * fail, naming the line or the process, on a parser that throws on an empty line or reports a NaN
 * step, and on an executor that signals only the process it started.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempDir } from '../helpers/sweep.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const GOOD_PARSER = `export default {
  name: 'val-acc-at', kind: 'parser',
  create: (_options, { parseNumber }) => ({
    parse(line) {
      const m = /^val acc (\\S+) @ (\\d+)$/.exec(line);
      if (!m) return null;
      const value = parseNumber(m[1]);
      return { points: value === undefined ? [] : [{ name: 'val_acc', step: Number(m[2]), value }] };
    },
  }),
};
`;

/** Splits every line on ' @ ' at once: throws on a line without one, and reads a step that is no number as NaN. */
const BROKEN_PARSER = `export default {
  name: 'careless', kind: 'parser',
  create: () => ({
    parse(line) {
      const [text, step] = line.match(/^(.*) @ (.*)$/).slice(1);
      return { points: [{ name: 'acc', step: Number(step), value: Number(text) }] };
    },
  }),
};
`;

/** Starts the trial as a plain child process and signals only that process. */
const NAIVE_EXECUTOR = `import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
export default {
  name: 'naive', kind: 'executor',
  create: () => ({
    async launch(spec) {
      const child = spawn(spec.argv[0], spec.argv.slice(1), {
        cwd: spec.cwd, env: { ...process.env, ...spec.env },
        stdio: ['ignore', openSync(spec.files.stdout, 'w'), openSync(spec.files.stderr, 'w')],
      });
      const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
        writeFileSync(spec.files.exitCode, \`\${code ?? 128}\\n\`);
        resolve({ exitCode: code, signal });
      }));
      const send = (signal) => async () => void child.kill(signal);
      return { handle: { pid: child.pid }, pid: child.pid, exited,
        pause: send('SIGSTOP'), resume: send('SIGCONT'), terminate: send('SIGTERM'), kill: send('SIGKILL') };
    },
    async close() {},
  }),
};
`;

const TESTS = `import { describeExecutorContract, describeParserContract } from 'sweeptop/testing';
import good from './good.mjs';
import broken from './broken.mjs';
import naive from './naive.mjs';

describeParserContract(good, {
  examples: [
    { line: 'val acc 0.91 @ 300', parsed: { points: [{ name: 'val_acc', step: 300, value: 0.91 }] } },
    { line: 'loss 0.3', parsed: null },
  ],
});
describeParserContract(broken, { samples: ['0.5 @ 1', '0.25 @ 2'] });
describeExecutorContract((context) => naive.create({}, context), { name: 'naive', timeoutMs: 2000 });
`;

let temp: TempDir;
let report: { testResults: Array<{ assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }> };
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  temp = new TempDir();
  // what `npm install --save-dev sweeptop vitest` leaves in the plugin's folder
  mkdirSync(join(temp.path, 'node_modules'));
  symlinkSync(ROOT, join(temp.path, 'node_modules', 'sweeptop'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', 'vitest'), join(temp.path, 'node_modules', 'vitest'), 'dir');
  temp.file('package.json', '{"type": "module", "private": true}\n');
  temp.file('good.mjs', GOOD_PARSER);
  temp.file('broken.mjs', BROKEN_PARSER);
  temp.file('naive.mjs', NAIVE_EXECUTOR);
  temp.file('plugins.test.mjs', TESTS);
  run = spawnSync(
    process.execPath,
    [join(temp.path, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', '--outputFile=report.json'],
    { cwd: temp.path, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 },
  );
  report = JSON.parse(readFileSync(join(temp.path, 'report.json'), 'utf8'));
}, 150_000);
afterAll(() => temp.remove());

const results = () => report.testResults.flatMap((file) => file.assertionResults);
const statusOf = (suite: string) =>
  Object.fromEntries(
    results()
      .filter((r) => r.fullName.startsWith(suite))
      .map((r) => [r.fullName.slice(suite.length + 1), r.status]),
  );
const failureOf = (fullName: string) =>
  results()
    .find((r) => r.fullName === fullName)
    ?.failureMessages.join('\n') ?? '';

describe('sweeptop/testing in a plugin project of its own', () => {
  it('passes the contract on a sound parser, its examples included', () => {
    expect(statusOf('parser contract: val-acc-at')).toEqual({
      'is a parser plugin: a name, kind "parser", create(options, context)': 'passed',
      'reads its examples as given': 'passed',
      'never throws on random, cut and mutated lines, returns well-formed results, and claims no line outside its hints': 'passed',
    });
  });

  it('fails a parser that throws on an empty line and reports a NaN step, naming the lines', () => {
    const fuzz =
      'parser contract: careless never throws on random, cut and mutated lines, returns well-formed results, and claims no line outside its hints';
    expect(statusOf('parser contract: careless')[fuzz.slice('parser contract: careless '.length)]).toBe('failed');
    expect(failureOf(fuzz)).toContain('"": threw');
    expect(failureOf(fuzz)).toMatch(/: acc: the step NaN is neither null nor a finite number/);
    expect(run.status).toBe(1);
  });

  it('fails an executor whose kill and pause miss a grandchild, and which cannot adopt', () => {
    expect(statusOf('executor contract: naive')).toEqual({
      'runs the argv in the cwd with the env; stdout, stderr and the exit status reach the trial files': 'passed',
      'kill reaches every process of the trial, a grandchild too, and the end is observed': 'failed',
      'terminate reaches every process of the trial, a grandchild too': 'failed',
      'pause stops every process of the trial, resume continues them': 'failed',
      'a new executor (a restarted controller) finds a running trial by its handle and sees it end': 'failed',
      'a handle whose process is gone is not reported running': 'passed',
    });
  });
});
