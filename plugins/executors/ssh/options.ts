/**
 * The `executor: {type: ssh, hosts: […], …}` options, validated once. A host is written as ssh
 * takes it — an alias from the user's ssh config (`gpu1`) or `user@host:port` — alone or with
 * the GPU ids it offers: `{host: user@gpu2:2222, gpus: [0, 1]}`.
 */
import { isAbsolute, resolve } from 'node:path';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { durationOption, fail, integerOption, rejectUnknownOptions, stringOption, type Options } from '../../../src/plugin-api/options.js';

export interface HostSpec {
  /** As written in the sweep file; the name shown and stored in trial handles. */
  name: string;
  /** ssh's arguments naming the host: [`-p`, port,] destination. */
  target: string[];
  /** GPU ids on that host, handed out like local ones; null when the host offers none. */
  gpus: string[] | null;
  /** Trials at once on the host: its GPUs / gpus_per_trial, or `slots` (1 by default) without GPUs. */
  slots: number;
}

export interface SshOptions {
  hosts: HostSpec[];
  /** `-F`: an ssh config of the user's choosing; theirs (~/.ssh/config) by default. */
  sshConfig: string | null;
  /** Where trial folders go on the hosts; by default the same path as here (a shared filesystem). */
  remoteDir: string | null;
  /** The trials' working directory on the hosts; by default the sweep's `cwd`. */
  remoteCwd: string | null;
  /** One command per host per interval reads every trial's state and new output; 1 s by default. */
  pollMs: number;
  /** A host that fails every poll for this long is unreachable: its trials are lost. 30 s by default. */
  unreachableAfterMs: number;
  /** ssh's ConnectTimeout, in seconds; 10 by default. */
  connectTimeoutS: number;
}

const NAMES = ['hosts', 'ssh_config', 'remote_dir', 'remote_cwd', 'poll_interval', 'unreachable_after', 'connect_timeout'];
const HOST_FIELDS = ['host', 'gpus', 'slots'];

export function readSshOptions(options: Options, context: { gpusPerTrial: number; baseDir: string }): SshOptions {
  rejectUnknownOptions(options, NAMES, 'ssh executor');
  const raw = options.hosts;
  if (!Array.isArray(raw) || raw.length === 0) fail('hosts', 'a list of hosts such as [gpu1, user@gpu2:2222]', raw);
  const hosts = raw.map((entry, index) => readHost(entry, `hosts[${index}]`, context.gpusPerTrial));
  const duplicate = hosts.find((host, index) => hosts.findIndex((other) => other.name === host.name) !== index);
  if (duplicate) throw new PluginOptionError('hosts', `${duplicate.name} is listed twice`);
  const sshConfig = stringOption(options, 'ssh_config');
  return {
    hosts,
    sshConfig: sshConfig === undefined ? null : resolve(context.baseDir, sshConfig),
    remoteDir: absolutePath(options, 'remote_dir'),
    remoteCwd: absolutePath(options, 'remote_cwd'),
    pollMs: durationOption(options, 'poll_interval', 100, 1000),
    unreachableAfterMs: durationOption(options, 'unreachable_after', 0, 30_000),
    connectTimeoutS: Math.max(1, Math.round(durationOption(options, 'connect_timeout', 1000, 10_000) / 1000)),
  };
}

function readHost(entry: unknown, at: string, gpusPerTrial: number): HostSpec {
  const fields: Options = typeof entry === 'string' ? { host: entry } : (entry as Options);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) fail(at, 'a host name or {host, gpus}', entry);
  for (const name of Object.keys(fields)) {
    if (!HOST_FIELDS.includes(name)) throw new PluginOptionError(`${at}.${name}`, `unknown field; expected one of ${HOST_FIELDS.join(', ')}`);
  }
  const name = fields.host;
  if (typeof name !== 'string') fail(`${at}.host`, 'a host such as gpu1 or user@gpu2:2222', name);
  const target = parseTarget(name, `${at}.host`);
  const gpus = readGpus(fields.gpus, `${at}.gpus`);
  if (gpus && gpus.length < gpusPerTrial) {
    throw new PluginOptionError(`${at}.gpus`, `expected at least gpus_per_trial (${gpusPerTrial}) GPUs, got ${gpus.length}`);
  }
  const slots = integerOption(fields, 'slots', 1);
  if (slots !== undefined && gpus) throw new PluginOptionError(`${at}.slots`, 'give gpus or slots, not both: with gpus, a host runs gpus / gpus_per_trial trials at once');
  return { name, target, gpus, slots: gpus ? Math.floor(gpus.length / gpusPerTrial) : (slots ?? 1) };
}

/** `gpu1`, `user@gpu1`, `user@gpu1:2222` → ssh's arguments. */
function parseTarget(text: string, at: string): string[] {
  const match = /^(?:([^@\s:]+)@)?([A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match || text.startsWith('-')) fail(at, 'a host such as gpu1, user@gpu2 or user@gpu2:2222 (IPv6 addresses: use an alias from your ssh config)', text);
  const [, user, host, port] = match;
  const destination = user ? `${user}@${host}` : host;
  return port ? ['-p', port, destination] : [destination];
}

function readGpus(value: unknown, at: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) fail(at, 'a list of GPU ids such as [0, 1]', value);
  const ids = value.map((id, index) => {
    if ((typeof id === 'number' && Number.isInteger(id) && id >= 0) || (typeof id === 'string' && /^[A-Za-z0-9-]+$/.test(id))) return String(id);
    return fail(`${at}[${index}]`, 'a GPU id (an integer or a UUID string)', id);
  });
  if (new Set(ids).size !== ids.length) throw new PluginOptionError(at, 'a GPU is listed twice');
  return ids;
}

function absolutePath(options: Options, name: string): string | null {
  const value = stringOption(options, name);
  if (value === undefined) return null;
  if (!isAbsolute(value)) fail(name, 'an absolute path on the hosts', value);
  return value;
}
