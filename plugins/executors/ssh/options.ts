/**
 * The `executor: {type: ssh, hosts: […], …}` options, declared once. A host is written as ssh
 * takes it — an alias from the user's ssh config (`gpu1`) or `user@host:port` — alone or with
 * the GPU ids it offers: `{host: user@gpu2:2222, gpus: [0, 1]}`.
 */
import { isAbsolute, resolve } from 'node:path';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { durationValue, integerValue, options, readOptions, textValue, type Options } from '../../../src/plugin-api/options.js';
import { byKind, expected, mapping, option, shaped, v } from '../../../src/plugin-api/schema.js';

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

/** `gpu1`, `user@gpu1`, `user@gpu1:2222`; never an ssh flag (`-oProxyCommand=…`). */
const TARGET = /^(?!-)(?:([^@\s:]+)@)?([A-Za-z0-9._-]+)(?::(\d{1,5}))?$/;

const hostTarget = shaped(
  v.pipe(
    v.string(expected('a host such as gpu1 or user@gpu2:2222')),
    v.regex(TARGET, expected('a host such as gpu1, user@gpu2 or user@gpu2:2222 (IPv6 addresses: use an alias from your ssh config)')),
  ),
  'a host such as gpu1, user@gpu2 or user@gpu2:2222',
);

const gpuIdMessage = expected('a GPU id (an integer or a UUID string)');
const gpuId = v.pipe(
  v.union(
    [
      v.pipe(v.number(gpuIdMessage), v.integer(gpuIdMessage), v.minValue(0, gpuIdMessage)),
      v.pipe(v.string(gpuIdMessage), v.regex(/^[A-Za-z0-9-]+$/, gpuIdMessage)),
    ],
    gpuIdMessage,
  ),
  v.transform(String),
);
const gpuListMessage = expected('a list of GPU ids such as [0, 1]');
const gpuIds = shaped(
  v.pipe(
    v.array(gpuId, gpuListMessage),
    v.minLength(1, gpuListMessage),
    v.check((ids) => new Set(ids).size === ids.length, 'a GPU is listed twice'),
  ),
  'a list of GPU ids such as [0, 1]',
);

const hostMessage = expected('a host name or {host, gpus}');
const hostFields = mapping(
  {
    host: option(hostTarget, { description: 'an alias from your ssh config, or user@host:port' }),
    gpus: option(gpuIds, { unset: 'none', description: 'GPU ids the host offers, handed out to trials like local ones' }),
    slots: option(integerValue(1), { unset: '1', description: 'trials at once on a host without gpus' }),
  },
  { notMapping: hostMessage, unknownKey: (_key, known) => `unknown field; expected one of ${known.join(', ')}`, blankIsAbsent: true },
);
const host = byKind(
  {
    string: v.pipe(
      v.string(),
      v.transform((name) => ({ host: name })),
      hostFields,
    ),
    mapping: hostFields,
  },
  hostMessage,
);

const hostsMessage = expected('a list of hosts such as [gpu1, user@gpu2:2222]');
const hostList = shaped(
  v.pipe(
    v.array(host, hostsMessage),
    v.minLength(1, hostsMessage),
    v.check(
      (hosts) => duplicateHost(hosts) === undefined,
      (issue) => `${duplicateHost(issue.input as Array<{ host: string }>)} is listed twice`,
    ),
  ),
  'a list of hosts such as [gpu1, {host: user@gpu2:2222, gpus: [0, 1]}, {host: cpu3, slots: 8}]',
);

function duplicateHost(hosts: ReadonlyArray<{ host: string }>): string | undefined {
  return hosts.find((entry, index) => hosts.findIndex((other) => other.host === entry.host) !== index)?.host;
}

const absolutePath = shaped(
  v.pipe(textValue(), v.check(isAbsolute, expected('an absolute path on the hosts'))),
  'an absolute path on the hosts',
);

export const sshOptions = options({
  hosts: option(hostList, { description: 'the hosts, each an ssh target alone or {host, gpus} or {host, slots}' }),
  ssh_config: option(textValue(), {
    unset: 'your own (~/.ssh/config)',
    description: 'an ssh config passed as -F, relative to the sweep file',
  }),
  remote_dir: option(absolutePath, {
    unset: 'the same path as here (a shared filesystem)',
    description: 'where trial folders go on the hosts; their output is copied back as it grows',
  }),
  remote_cwd: option(absolutePath, { unset: "the sweep's cwd", description: "the trials' working directory on the hosts" }),
  poll_interval: option(durationValue(100, 3_600_000), {
    default: '1s',
    description: "one command per host per interval reads every trial's state and new output",
  }),
  unreachable_after: option(durationValue(0), {
    default: '30s',
    description: 'a host that fails every poll for this long is unreachable: its trials are lost and run again elsewhere',
  }),
  connect_timeout: option(durationValue(1000), { default: '10s', description: "ssh's ConnectTimeout, in whole seconds" }),
});

export type SshOptions = ReturnType<typeof readSshOptions>;

export function readSshOptions(given: Options, context: { gpusPerTrial: number; baseDir: string }) {
  const read = readOptions(sshOptions, given, 'ssh executor');
  return {
    hosts: read.hosts.map((entry, index) => hostSpec(entry, `hosts[${index}]`, context.gpusPerTrial)),
    sshConfig: read.ssh_config === undefined ? null : resolve(context.baseDir, read.ssh_config),
    remoteDir: read.remote_dir ?? null,
    remoteCwd: read.remote_cwd ?? null,
    pollMs: read.poll_interval,
    unreachableAfterMs: read.unreachable_after,
    connectTimeoutS: Math.max(1, Math.round(read.connect_timeout / 1000)),
  };
}

/** A host as read, with the rules across its fields and the sweep's gpus_per_trial. */
function hostSpec(entry: { host: string; gpus?: string[]; slots?: number }, at: string, gpusPerTrial: number): HostSpec {
  const gpus = entry.gpus ?? null;
  if (gpus && gpus.length < gpusPerTrial) {
    throw new PluginOptionError(`${at}.gpus`, `expected at least gpus_per_trial (${gpusPerTrial}) GPUs, got ${gpus.length}`);
  }
  if (entry.slots !== undefined && gpus) {
    throw new PluginOptionError(`${at}.slots`, 'give gpus or slots, not both: with gpus, a host runs gpus / gpus_per_trial trials at once');
  }
  return {
    name: entry.host,
    target: sshTarget(entry.host),
    gpus,
    slots: gpus ? Math.floor(gpus.length / gpusPerTrial) : (entry.slots ?? 1),
  };
}

/** `gpu1`, `user@gpu1`, `user@gpu1:2222` → ssh's arguments. */
function sshTarget(text: string): string[] {
  const [, user, name, port] = TARGET.exec(text)!;
  const destination = user ? `${user}@${name}` : name;
  return port ? ['-p', port, destination] : [destination];
}
