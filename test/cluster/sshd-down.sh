#!/usr/bin/env bash
# sshd-down.sh - stop the daemons started by sshd-up.sh and remove their folder.
# Idempotent: with nothing running (or no folder) it does nothing.
#
# Each daemon is found through its PID file (checked against /proc/PID/exe); its session
# processes (every descendant of the listener: `sshd: root@notty` and the commands they run)
# are found by walking /proc parent links, and all of them get SIGKILL by PID. Nothing is ever
# killed by name. Processes that left the sessions with setsid (a trial) are not the daemon's:
# whoever started them stops them.
#
#   SSHD_CI_DIR     the folder sshd-up.sh used  [/tmp/sshd-ci]
#   SSHD_CI_ONLY    stop only daemon N (0-based) and keep the folder  [all]
#   SSHD_CI_KEEP    1 = keep the folder  [0]
set -uo pipefail
export PATH="/usr/sbin:/sbin:$PATH"

DIR=${SSHD_CI_DIR:-/tmp/sshd-ci}
ONLY=${SSHD_CI_ONLY:-}
KEEP=${SSHD_CI_KEEP:-0}
log() { printf '[sshd-down] %s\n' "$*" >&2; }

[[ $DIR =~ ^/[A-Za-z0-9._/-]+$ ]] || { log "SSHD_CI_DIR must be an absolute path of [A-Za-z0-9._/-]"; exit 1; }
[[ -d $DIR ]] || { log "nothing to do: $DIR does not exist"; exit 0; }
exec 9>"$DIR/.lock"
flock -w 60 9 || { log "another sshd-up/sshd-down holds $DIR/.lock"; exit 1; }
SSHD=$(readlink -f "$(command -v sshd || echo /usr/sbin/sshd)")

source "$(dirname "${BASH_SOURCE[0]}")/pids.sh"
# descendants PID: every process whose chain of parents reaches PID (one pass over /proc)
descendants() {
  local -A parent=()
  local f line pid ppid q n
  for f in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$f" || continue
    pid=${f#/proc/}; pid=${pid%/stat}
    read -r _ ppid _ <<<"${line##*) }"
    parent[$pid]=$ppid
  done
  for pid in "${!parent[@]}"; do
    q=${parent[$pid]}; n=0
    while [[ -n $q && $q != 0 && $q != "$1" ]] && (( n++ < 64 )); do q=${parent[$q]:-}; done
    [[ $q == "$1" ]] && echo "$pid"
  done
}

for d in "$DIR"/d*/; do
  d=${d%/}
  i=${d##*/d}
  [[ -n $ONLY && $i != "$ONLY" ]] && continue
  pid=$(pid_of "$d/sshd.pid" "$SSHD") || { rm -f "$d/sshd.pid"; continue; }
  sessions=$(descendants "$pid" | tr '\n' ' ')
  # shellcheck disable=SC2086
  kill -KILL "$pid" $sessions 2>/dev/null
  n=50
  while (( n-- > 0 )) && alive "$pid"; do sleep 0.1; done
  alive "$pid" && log "WARNING: sshd $i (pid $pid) still alive"
  rm -f "$d/sshd.pid"
  log "daemon $i (pid $pid) stopped${sessions:+ with its sessions $sessions}"
done

if [[ -n $ONLY || $KEEP == 1 ]]; then
  log "folder kept: $DIR"
else
  rm -rf "${DIR:?}"
  log "removed $DIR"
fi
