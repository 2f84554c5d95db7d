/**
 * Commands on one SSH host through the system `ssh`, with the user's own config, keys and agent
 * (or `-F ssh_config`), BatchMode so that nothing ever waits for a password. A ControlMaster
 * connection is opened once, and every command rides on it: a sweep opens one connection per
 * host, not one per command. A few commands at a time, as sshd allows 10 sessions per connection
 * by default (MaxSessions).
 */
import { execa } from 'execa';
import { Limiter } from '../limiter.js';
import type { HostSpec } from './options.js';
import { remoteCommand } from './remote-scripts.js';

export interface RemoteResult {
  /** The remote command's exit status; 255 when ssh could not reach the host. */
  exitCode: number;
  stdout: Buffer;
  /** ssh's or the remote command's complaint, trimmed. */
  message: string;
}

export interface ConnectionSettings {
  sshConfig: string | null;
  /** A short folder for the control sockets (their paths must fit in 104 bytes). */
  controlDir: string;
  connectTimeoutS: number;
}

export const UNREACHABLE = 255;
const SESSIONS_AT_ONCE = 6;
/** The master outlives a crashed controller by this long at most, once no command uses it. */
const CONTROL_PERSIST_S = 120;

export class SshConnection {
  /** ssh processes started for this host (the benchmark and tests check the count). */
  commands = 0;
  private master: Promise<void> | null = null;
  private closed = false;
  private readonly sessions = new Limiter(SESSIONS_AT_ONCE);

  constructor(
    readonly host: HostSpec,
    private readonly settings: ConnectionSettings,
  ) {}

  /** Runs `script` with `args` on the host (see remote-scripts.ts). */
  run(script: string, args: readonly string[], timeoutMs = 60_000): Promise<RemoteResult> {
    return this.sessions.run(async () => {
      // after close(), a late command must not open a master that would outlive the sweep
      if (this.closed) return { exitCode: UNREACHABLE, stdout: Buffer.alloc(0), message: `${this.host.name}: connection closed` };
      await (this.master ??= this.openMaster());
      const result = await this.ssh(['-o', 'ControlMaster=no', '-T', ...this.host.target, remoteCommand(script, args)], timeoutMs);
      // the master is gone (host down, network cut): the next command opens a new one
      if (result.exitCode === UNREACHABLE) this.master = null;
      return result;
    });
  }

  /** Closes the master connection (sessions on it end; trials do not, they run under setsid). */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.master) return;
    this.master = null;
    await this.ssh(['-O', 'exit', ...this.host.target], 10_000);
  }

  /**
   * `-f -N` with ControlPersist: ssh authenticates, then leaves the master in the background with
   * its stdio on /dev/null, so this call returns. A failure here shows in the first command.
   */
  private async openMaster(): Promise<void> {
    await this.ssh(
      ['-o', 'ControlMaster=yes', '-o', `ControlPersist=${CONTROL_PERSIST_S}`, '-f', '-N', ...this.host.target],
      (this.settings.connectTimeoutS + 20) * 1000,
    );
  }

  private async ssh(args: string[], timeoutMs: number): Promise<RemoteResult> {
    this.commands++;
    const result = await execa('ssh', [...this.commonOptions(), ...args], {
      reject: false,
      stdin: 'ignore',
      encoding: 'buffer',
      // output blocks are length-prefixed: every byte counts, the last newline too
      stripFinalNewline: false,
      timeout: timeoutMs,
    });
    const stderr = Buffer.from(result.stderr ?? [])
      .toString('utf8')
      .trim();
    const exitCode = typeof result.exitCode === 'number' ? result.exitCode : UNREACHABLE;
    const message = result.timedOut
      ? `ssh ${this.host.name}: no answer within ${timeoutMs / 1000} s`
      : stderr || (result.failed ? (result.shortMessage ?? '') : '');
    return { exitCode: result.timedOut ? UNREACHABLE : exitCode, stdout: Buffer.from(result.stdout ?? []), message };
  }

  private commonOptions(): string[] {
    const { sshConfig, controlDir, connectTimeoutS } = this.settings;
    return [
      ...(sshConfig ? ['-F', sshConfig] : []),
      '-o',
      'BatchMode=yes',
      '-o',
      `ConnectTimeout=${connectTimeoutS}`,
      '-o',
      'ServerAliveInterval=5',
      '-o',
      'ServerAliveCountMax=3',
      '-o',
      `ControlPath=${controlDir}/%C`,
    ];
  }
}
