import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchScript, parseJobId, sbatchArgs } from '../../../plugins/executors/slurm/batch-script.js';
import { readSlurmOptions } from '../../../plugins/executors/slurm/options.js';
import type { LaunchSpec } from '../../../src/plugin-api/executor.js';
import { TempDir } from '../../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

const HOSTILE = ["it's", 'a "quoted" word', '$HOME', '`id`', '$(id)', '*', 'two\nlines', '\\', '', '--flag=x y', ';exit 9'];
const PRINT_ARGV = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

function spec(argv: string[], env: Record<string, string> = {}): LaunchSpec {
  const dir = temp.path;
  return {
    trialId: 7,
    attempt: 0,
    argv,
    env,
    cwd: dir,
    files: { dir, stdout: join(dir, 'stdout.log'), stderr: join(dir, 'stderr.log'), exitCode: join(dir, 'exit_code') },
    gpus: null,
  };
}

/** Runs the generated script as slurmstepd would: sh, with Slurm's variables set. */
function runScript(launch: LaunchSpec, slurmEnv: Record<string, string> = {}): { stdout: string; status: number } {
  const path = temp.file('job.sh', batchScript(launch));
  try {
    const stdout = execFileSync('/bin/sh', [path], { cwd: temp.path, env: { PATH: process.env.PATH, ...slurmEnv }, encoding: 'utf8' });
    return { stdout, status: 0 };
  } catch (error) {
    const failure = error as { stdout: string; status: number };
    return { stdout: failure.stdout, status: failure.status };
  }
}

describe('the Slurm batch script', () => {
  it('passes every argv word through untouched, with no shell in between', () => {
    const { stdout } = runScript(spec([process.execPath, '-e', PRINT_ARGV, ...HOSTILE]));
    expect(JSON.parse(stdout)).toEqual(HOSTILE);
  });

  it('exports the trial environment verbatim, but leaves CUDA_VISIBLE_DEVICES to Slurm', () => {
    const env = { SWEEPTOP_PARAM_NAME: "o'neil $x `y`", CUDA_VISIBLE_DEVICES: '5' };
    const print =
      'process.stdout.write(JSON.stringify([process.env.SWEEPTOP_PARAM_NAME, process.env.CUDA_VISIBLE_DEVICES, process.env.PYTHONUNBUFFERED]))';
    const { stdout } = runScript(spec([process.execPath, '-e', print], env), { CUDA_VISIBLE_DEVICES: '1' });
    expect(JSON.parse(stdout)).toEqual(["o'neil $x `y`", '1', '1']);
  });

  it('writes the exit code through the wrapper and records the GPUs and node Slurm gave it', () => {
    const launch = spec([process.execPath, '-e', 'process.exit(3)']);
    const { status } = runScript(launch, { SLURM_JOB_GPUS: '2,3', CUDA_VISIBLE_DEVICES: '0,1', SLURMD_NODENAME: 'node7' });
    expect(status).toBe(3);
    expect(readFileSync(launch.files.exitCode, 'utf8').trim()).toBe('3');
    expect(readFileSync(join(temp.path, 'slurm_env'), 'utf8')).toBe(
      'SLURM_JOB_GPUS=2,3\nCUDA_VISIBLE_DEVICES=0,1\nSLURMD_NODENAME=node7\n',
    );
  });
});

describe('the sbatch command line', () => {
  it('sends output to the trial files, escapes % in paths, and puts extra flags last', () => {
    const options = readSlurmOptions({
      partition: 'gpu',
      gres: 'gpu:1',
      cpus_per_task: 4,
      mem: '16G',
      time: '04:00:00',
      extra: ['--account=lab', '--qos=normal'],
    });
    const launch = spec(['train']);
    launch.files.stdout = '/shared/100%/trials/7/stdout.log';
    const args = sbatchArgs(options, launch, '/x/job.sh');
    expect(args).toContain('--output=/shared/100%%/trials/7/stdout.log');
    expect(args).toContain('--open-mode=append');
    expect(args.slice(-8)).toEqual([
      '--partition=gpu',
      '--gres=gpu:1',
      '--cpus-per-task=4',
      '--mem=16G',
      '--time=04:00:00',
      '--account=lab',
      '--qos=normal',
      '/x/job.sh',
    ]);
  });

  it('reads the job id from --parsable output, with or without a cluster name', () => {
    expect(parseJobId('1234\n')).toBe('1234');
    expect(parseJobId('1234;cluster2')).toBe('1234');
    expect(parseJobId('Submitted batch job 1234')).toBeNull();
  });
});
