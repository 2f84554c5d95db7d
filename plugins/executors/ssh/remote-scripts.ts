/**
 * The POSIX sh that runs on an SSH host: launch a trial, read every trial's state and new output
 * in one go, signal a trial's process group. Each is sent as `sh -c SCRIPT sweeptop ARGS…` with
 * every word single-quoted for the login shell, so nothing the user wrote is ever parsed by a
 * shell. Linux hosts only (/proc, setsid).
 *
 * A trial is identified as locally: the wrapper's pid (also its process group and session, as
 * it is started under setsid) plus the start time in /proc/PID/stat (pids are reused).
 */
import { quote } from 'shlex';

/** Field 22 of /proc/PID/stat (the process start time), or nothing when the process is gone. */
const START_TIME = `sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f20`;

/**
 * sh -c LAUNCH sweeptop DIR CWD STDOUT STDERR EXIT_FILE NAME=VALUE… /bin/sh -c WRAPPER …
 * Prints "PID START_TIME". The trial runs in its own session, its output in files, stdin closed:
 * nothing ties it to this ssh session, which ends at once.
 */
export const LAUNCH = `d=$1; c=$2; o=$3; e=$4; x=$5; shift 5
mkdir -p "$d" || exit 97
rm -f "$x"
cd "$c" || exit 98
setsid env "$@" </dev/null >"$o" 2>"$e" &
p=$!
s=$(${START_TIME})
echo "$p \${s:--}"`;

/**
 * sh -c POLL sweeptop CAP STDOUT_NAME STDERR_NAME EXIT_NAME [PID START DIR MIRROR OUT_OFFSET ERR_OFFSET]…
 * Per trial: "T PID STATE" (a /proc state letter, X when gone); with MIRROR=1, for each stream
 * "O PID NAME N" followed by exactly N bytes of new output (at most CAP); once gone,
 * "E PID CODE" (- without an exit_code file) and "L PID" if its process group still has live
 * members (`ps`, not `kill -0`: a zombie the host's init has not reaped yet counts for kill).
 * The state is read before the output, so the output of a trial seen gone is complete.
 */
export const POLL = `cap=$1; fo=$2; fe=$3; fx=$4; shift 4
out() {
  sz=0
  [ -f "$d/$1" ] && sz=$(wc -c < "$d/$1")
  n=$((sz - $2))
  [ "$n" -gt "$cap" ] && n=$cap
  [ "$n" -lt 0 ] && n=0
  echo "O $p $1 $n"
  [ "$n" -gt 0 ] && tail -c +$(($2 + 1)) "$d/$1" | head -c "$n"
}
while [ $# -ge 6 ]; do
  p=$1; st=$2; d=$3; m=$4; oo=$5; eo=$6; shift 6
  s=X
  l=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null)
  if [ -n "$l" ]; then
    now=$(echo "$l" | cut -d' ' -f20)
    [ "\${l%% *}" != Z ] && { [ "$st" = - ] || [ "$st" = "$now" ]; } && s=\${l%% *}
  fi
  echo "T $p $s"
  if [ "$m" = 1 ]; then out "$fo" "$oo"; out "$fe" "$eo"; fi
  if [ "$s" = X ]; then
    c=$(cat "$d/$fx" 2>/dev/null)
    echo "E $p \${c:--}"
    ps -e -o pgid= -o stat= | awk -v g="$p" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }' && echo "L $p"
  fi
done
exit 0`;

/**
 * sh -c SIGNAL sweeptop PID START SIGNAL… — each signal to the trial's process group, in order,
 * if that pid is still the trial (START - skips the check: leftovers of a trial that ended).
 */
export const SIGNAL = `p=$1; st=$2; shift 2
if [ "$st" != - ]; then [ "$(${START_TIME})" = "$st" ] || exit 0; fi
for g; do kill -s "$g" -- "-$p" 2>/dev/null; done
exit 0`;

/** The remote command line: ssh hands it to the login shell, which must see each word as one. */
export function remoteCommand(script: string, args: readonly string[]): string {
  return ['sh', '-c', script, 'sweeptop', ...args].map(quote).join(' ');
}
