# pids.sh - sourced by the cluster scripts: what a daemon's PID file says, checked against /proc.

# pid_of PIDFILE BINARY: print the PID if the file names a live process running BINARY
pid_of() {
  local pid exe
  [[ -s $1 ]] || return 1
  pid=$(tr -dc '0-9' <"$1")
  [[ -n $pid ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  exe=${exe% (deleted)}
  [[ $exe == "$2" ]] || return 1
  echo "$pid"
}

# alive PID: the process exists and is not a zombie. (PID 1 on some CI VMs
# reaps orphans late, and kill -0 succeeds on a zombie.)
alive() {
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && ${st:0:1} != Z ]]
}
