#!/usr/bin/env bash
# slurm-up.sh - bring up a throwaway single-node Slurm cluster (munged + slurmctld
# + slurmd) on Debian 12 without systemd, e.g. in CI. Runs as root.
# (The Slurm executor's tests and bench/slurm.ts start one per test file through
# test/cluster/slurm-cluster.ts, each in its own folder on free ports.)
#
#   eval "$(bash slurm-up.sh)"     # starts it (or finds it up) and exports SLURM_CONF
#   sbatch --wrap 'echo hi'        # ... use it ...
#   bash slurm-down.sh             # stops every daemon by its PID file, removes the folder
#
# Idempotent: when all three daemons are already up (checked through their PID
# files and /proc/PID/exe) it changes nothing; a daemon that died is started
# again; when none is up it starts from a clean folder.
# Everything the cluster uses lives in one folder: config, munge key and socket,
# state, spool, logs, PID files. Nothing is written to /etc, and the Debian
# packages' own munge key, socket and services are left alone (apt-get, when the
# packages are missing, is the only thing that touches the system).
# stdout gets exactly one line, `export SLURM_CONF=...`; progress goes to stderr.
# The daemons never hold the caller's stdout/stderr (their output goes to files),
# so `$(slurm-up.sh)` or Node's execFile return as soon as the script ends.
#
# Settings (environment, all optional):
#   SLURM_CI_DIR          folder for config, keys, state, logs  [/tmp/slurm-ci]
#   SLURM_CI_CPUS         CPUs the node offers = concurrent 1-CPU jobs  [nproc];
#                         more than nproc turns on SlurmdParameters=config_overrides
#   SLURM_CI_GPUS         fake GPUs (gres/gpu, device files point to /dev/null)  [2]; 0 = none
#   SLURM_CI_CTLD_PORT    slurmctld port  [6817]
#   SLURM_CI_SLURMD_PORT  slurmd port     [6818]
#   SLURM_CI_INSTALL      1 = apt-get install missing packages, 0 = fail instead  [1]
#   SLURM_CI_TIMEOUT      seconds to wait for each daemon  [30]
set -euo pipefail
export PATH="/usr/sbin:/sbin:$PATH"

DIR=${SLURM_CI_DIR:-/tmp/slurm-ci}
CPUS=${SLURM_CI_CPUS:-$(nproc)}
GPUS=${SLURM_CI_GPUS:-2}
CTLD_PORT=${SLURM_CI_CTLD_PORT:-6817}
SLURMD_PORT=${SLURM_CI_SLURMD_PORT:-6818}
INSTALL=${SLURM_CI_INSTALL:-1}
TIMEOUT=${SLURM_CI_TIMEOUT:-30}
NODE=localhost
PARTITION=debug
CONF=$DIR/slurm.conf
RUN=$DIR/run           # PID files and the munge socket; must be 0755 (munged checks)
LOGS=$DIR/log
T0=$(date +%s.%N)

elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
log() { printf '[slurm-up +%ss] %s\n' "$(elapsed)" "$*" >&2; }
die() {
  log "ERROR: $*"
  local f
  for f in "$LOGS"/munged.stdout "$LOGS"/munged.log "$LOGS"/slurmctld.stdout \
    "$LOGS"/slurmctld.log "$LOGS"/slurmd.stdout "$LOGS"/slurmd.log; do
    [[ -s $f ]] && { echo "--- tail of $f" >&2; tail -n 15 "$f" >&2; }
  done
  exit 1
}

[[ $(id -u) == 0 ]] || die "run as root (slurmd must be root; SlurmUser=root)"
[[ $CPUS =~ ^[1-9][0-9]*$ && $GPUS =~ ^[0-9]+$ ]] || die "SLURM_CI_CPUS/SLURM_CI_GPUS must be integers"
# (the path goes into slurm.conf values such as AuthInfo=socket=..., which split on ',')
[[ $DIR =~ ^/[A-Za-z0-9._/-]+$ ]] || die "SLURM_CI_DIR must be an absolute path of [A-Za-z0-9._/-]"

# ---------------------------------------------------------------- packages
need_install=0
for b in munged mungekey munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo srun; do
  command -v "$b" >/dev/null 2>&1 || need_install=1
done
if (( need_install )); then
  [[ $INSTALL == 1 ]] || die "Slurm/munge binaries missing and SLURM_CI_INSTALL=0"
  pkgs=(slurmctld slurmd slurm-client munge)
  log "installing ${pkgs[*]} (apt-get, --no-install-recommends)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2; then
    log "install failed; running apt-get update once and retrying"
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2 || die "apt-get install failed"
  fi
  log "packages installed"
fi
BIN_MUNGED=$(readlink -f "$(command -v munged)")
BIN_CTLD=$(readlink -f "$(command -v slurmctld)")   # Debian: alternatives -> slurmctld-wlm
BIN_SLURMD=$(readlink -f "$(command -v slurmd)")    # Debian: alternatives -> slurmd-wlm

# ---------------------------------------------------------------- helpers
source "$(dirname "${BASH_SOURCE[0]}")/pids.sh"
# wait_for SECONDS COMMAND...: poll every 0.1 s until COMMAND succeeds
wait_for() {
  local n=$(( $1 * 10 )); shift
  while (( n-- > 0 )); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
munge_ok() { munge -n -S "$RUN/munge.socket" | unmunge -S "$RUN/munge.socket"; }
ctld_ok() { scontrol ping | grep -q 'is UP'; }
node_ready() {
  local s
  s=$(sinfo -h -N -n "$NODE" -o %T 2>/dev/null) || return 1
  [[ $s == idle || $s == mixed || $s == allocated ]]
}

# ---------------------------------------------------------------- lock
mkdir -p "$DIR"
chmod 755 "$DIR"   # munged refuses a socket whose folders are not a+x
# (fd 9 is closed for every daemon below, or they would hold the lock forever)
exec 9>"$DIR/.lock"
flock -w 120 9 || die "another slurm-up/slurm-down holds $DIR/.lock"
export SLURM_CONF=$CONF

p_munge=$(pid_of "$RUN/munged.pid" "$BIN_MUNGED" || true)
p_ctld=$(pid_of "$RUN/slurmctld.pid" "$BIN_CTLD" || true)
p_slurmd=$(pid_of "$RUN/slurmd.pid" "$BIN_SLURMD" || true)

if [[ -n $p_munge && -n $p_ctld && -n $p_slurmd ]] && node_ready; then
  log "already up (munged $p_munge, slurmctld $p_ctld, slurmd $p_slurmd)"
  echo "export SLURM_CONF=$CONF"
  exit 0
fi

# ---------------------------------------------------------------- fresh config
if [[ -z $p_munge && -z $p_ctld && -z $p_slurmd ]]; then
  log "fresh start in $DIR (cpus=$CPUS gpus=$GPUS ports $CTLD_PORT/$SLURMD_PORT)"
  for p in "$CTLD_PORT" "$SLURMD_PORT"; do
    port_busy "$p" && die "port $p is already taken (another slurmctld/slurmd?); set SLURM_CI_CTLD_PORT/SLURM_CI_SLURMD_PORT"
  done
  rm -rf "${RUN:?}" "${DIR:?}/state" "${DIR:?}/spool" "${DIR:?}/munge" "${DIR:?}/dev"
  mkdir -p "$DIR/state" "$DIR/spool" "$LOGS"
  mkdir -m 755 "$RUN"
  mkdir -m 700 "$DIR/munge"   # key and PRNG seed: private

  mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)
  extra=""
  (( CPUS > $(nproc) )) && extra+=$'SlurmdParameters=config_overrides\n'
  gres=""
  if (( GPUS > 0 )); then
    extra+=$'GresTypes=gpu\n'
    gres=" Gres=gpu:$GPUS"
    mkdir -p "$DIR/dev"
    # gres/gpu wants one character device per GPU: symlinks to /dev/null pass the
    # check, and Slurm then sets CUDA_VISIBLE_DEVICES/SLURM_JOB_GPUS per job.
    for ((i = 0; i < GPUS; i++)); do ln -s /dev/null "$DIR/dev/gpu$i"; done
    printf 'AutoDetect=off\nNodeName=%s Name=gpu File=%s/dev/gpu[0-%d]\n' \
      "$NODE" "$DIR" "$((GPUS - 1))" >"$DIR/gres.conf"
  fi

  cat >"$CONF" <<EOF
# Generated by slurm-up.sh: throwaway single-node cluster, no accounting, no cgroups.
ClusterName=ci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$RUN/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
# finished jobs (state, ExitCode) stay visible to squeue/scontrol this long
MinJobAge=300
# scancel: SIGTERM, then SIGKILL after KillWait seconds
KillWait=5
# with the default (3 s) a freed slot idles ~2.5 s before the next job starts; 0 makes it ~1 s
SchedulerParameters=batch_sched_delay=0
${extra}NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$mem${gres} State=UNKNOWN
PartitionName=$PARTITION Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  mungekey -c -k "$DIR/munge/munge.key" 2>/dev/null || die "mungekey failed"
  # a fresh cluster: slurmctld must not recover jobs from an old state folder
  CTLD_FLAGS=(-c)
else
  log "partial cluster found (munged=${p_munge:-down} slurmctld=${p_ctld:-down} slurmd=${p_slurmd:-down}); restarting what is down"
  [[ -s $CONF && -s $DIR/munge/munge.key ]] || die "config or munge key missing; run slurm-down.sh first"
  CTLD_FLAGS=()
fi

# ---------------------------------------------------------------- munged
if [[ -z $p_munge ]]; then
  munged --key-file="$DIR/munge/munge.key" --socket="$RUN/munge.socket" \
    --pid-file="$RUN/munged.pid" --log-file="$LOGS/munged.log" \
    --seed-file="$DIR/munge/munged.seed" </dev/null >>"$LOGS/munged.stdout" 2>&1 9>&- || die "munged failed to start"
  wait_for "$TIMEOUT" munge_ok || die "munged does not answer on $RUN/munge.socket"
  log "munged up (pid $(pid_of "$RUN/munged.pid" "$BIN_MUNGED"))"
fi

# ---------------------------------------------------------------- slurmctld
if [[ -z $p_ctld ]]; then
  slurmctld "${CTLD_FLAGS[@]}" -f "$CONF" </dev/null >>"$LOGS/slurmctld.stdout" 2>&1 9>&- || die "slurmctld failed to start"
  wait_for "$TIMEOUT" ctld_ok || die "slurmctld not UP after ${TIMEOUT}s"
  log "slurmctld up (pid $(pid_of "$RUN/slurmctld.pid" "$BIN_CTLD"))"
fi

# ---------------------------------------------------------------- slurmd
if [[ -z $p_slurmd ]]; then
  slurmd -f "$CONF" -N "$NODE" </dev/null >>"$LOGS/slurmd.stdout" 2>&1 9>&- || die "slurmd failed to start"
  wait_for "$TIMEOUT" pid_of "$RUN/slurmd.pid" "$BIN_SLURMD" || die "slurmd did not write its PID file"
  log "slurmd started (pid $(pid_of "$RUN/slurmd.pid" "$BIN_SLURMD"))"
fi

if ! wait_for "$TIMEOUT" node_ready; then
  sinfo -N -l >&2 || true
  sinfo -R >&2 || true
  die "node $NODE not idle after ${TIMEOUT}s"
fi
echo "export SLURM_CONF=$CONF" >"$DIR/env"
log "cluster up: node $NODE $(sinfo -h -N -n "$NODE" -o '%T cpus=%c gres=%G')"
echo "export SLURM_CONF=$CONF"
