#!/usr/bin/env bash
# Builds the two images of a "machine" container: Debian 13 (trixie) with systemd and sshd, booted as PID 1,
# that the Deployer treats like a VM. Nothing can be pulled here, so the base is built from a debootstrap'ed
# root (debootstrap trixie works from a Debian 12 host). Trixie, not bookworm: its etcd-server is 3.5 with
# etcdutl, the line production runs, so the lab backs up and restores with the same tools.
# - base: carries an OFFLINE apt repository with every package the Deployer installs, as the image's only
#   apt source: test machines install real packages with apt and send no traffic outside. It keeps the
#   install path (a fresh VM with nothing installed) tested.
# - ready: the base with those packages already installed, as kind's node image carries its packages: the
#   services stay disabled and stopped with their default configuration and no data, so the Deployer
#   configures, enables and starts them exactly as on a fresh VM. The lab boots it by default.
# - monitoring: the ready image plus Prometheus and Alertmanager from trixie, for the lab-only monitoring
#   machine only (no other machine boots it, so the two images above stay as they are).
# The names come from Lab/Machines/MachineImage.cs (IMAGE=..., READY_IMAGE=... and MONITORING_IMAGE=...
# override them; --print-names prints them). Idempotent: builds only an image that is missing or out of date (FORCE=1
# rebuilds both).
set -euo pipefail

say() { echo "build-machine-image: $*" >&2; }
names="$(cd "$(dirname "$0")/.." && pwd)/Lab/Machines/MachineImage.cs"
image_name() { sed -n "s/.*const string $1 = \"\(.*\)\";.*/\1/p" "$names" 2>/dev/null; }
image="${IMAGE:-$(image_name Base)}"
ready="${READY_IMAGE:-$(image_name Ready)}"
monitoring="${MONITORING_IMAGE:-$(image_name Monitoring)}"
[ -n "$image" ] && [ -n "$ready" ] && [ -n "$monitoring" ] || { say "cannot read the image names (const string Base/Ready/Monitoring) from $names"; exit 1; }
if [ "${1:-}" = "--print-names" ]; then
  printf '%s\n%s\n%s\n' "$image" "$ready" "$monitoring"
  exit 0
fi

mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=trixie
[ "$(id -u)" -eq 0 ] || { say "run as root (debootstrap and chroot need it)"; exit 1; }

# Every package a phase installs: the offline repository holds them with their dependencies, and the
# ready image has them installed.
offline=(etcd-server etcd-client haproxy keepalived prometheus-node-exporter chrony rsync conntrack socat
         ebtables ethtool ipset apt-transport-https gpg open-iscsi nfs-common unattended-upgrades nftables
         containerd runc age)

# The base's content revision: a base labelled with another one (or none) is out of date and rebuilt, and so
# is a ready image not built from the base there is now. Bump it with every change to build_base.
revision=3

engine=podman
command -v podman >/dev/null || engine=docker
label() { $engine image inspect --format "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }
image_id() { $engine image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

build_base() {
  command -v debootstrap >/dev/null && command -v dpkg-scanpackages >/dev/null || {
    say "installing debootstrap and dpkg-dev"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap dpkg-dev >&2
  }

  local started repo
  started=$(date +%s)
  # Global, not local: the EXIT trap reads it after this function has returned.
  root="$(mktemp -d /var/tmp/platform-machine.XXXXXX)"
  trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT

  say "debootstrap $suite (minbase) into $root"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openssh-server,sudo,iproute2,iputils-ping,python3,python3-apt,curl,ca-certificates,procps,kmod,less,gnupg \
    "$suite" "$root" "$mirror" >/dev/null

  # Every package a phase installs, downloaded with its dependencies but not installed.
  say "downloading ${#offline[@]} packages for the offline repository"
  mount -t proc proc "$root/proc"
  chroot "$root" apt-get update -q >/dev/null
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --download-only --no-install-recommends "${offline[@]}" >/dev/null
  repo="$root/var/lib/platform/offline-repo"
  mkdir -p "$repo"
  mv "$root"/var/cache/apt/archives/*.deb "$repo"/
  (cd "$repo" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null | gzip -9 > Packages.gz)
  rm -f "$root/etc/apt/sources.list"
  mkdir -p "$root/etc/apt/sources.list.d"
  echo "deb [trusted=yes] file:/var/lib/platform/offline-repo ./" > "$root/etc/apt/sources.list.d/platform-offline.list"
  chroot "$root" apt-get update -q >/dev/null
  chroot "$root" apt-get clean
  umount "$root/proc"

  say "configuring systemd and sshd"
  # Each machine gets its own SSH host keys and machine id at first boot. No RSA key: generating one was most
  # of a boot's CPU (seconds with eight machines booting at once), and clients pick ed25519 first.
  rm -f "$root"/etc/ssh/ssh_host_*
  : > "$root/etc/machine-id"
  cat > "$root/etc/systemd/system/ssh-host-keys.service" <<'UNIT'
[Unit]
Description=Generate this machine's SSH host keys
Before=ssh.service
ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

[Service]
Type=oneshot
ExecStart=/usr/bin/ssh-keygen -q -N "" -t ed25519 -f /etc/ssh/ssh_host_ed25519_key
ExecStart=/usr/bin/ssh-keygen -q -N "" -t ecdsa -f /etc/ssh/ssh_host_ecdsa_key

[Install]
WantedBy=multi-user.target
UNIT
  ln -sf /etc/systemd/system/ssh-host-keys.service "$root/etc/systemd/system/multi-user.target.wants/ssh-host-keys.service"
  # udev, e2scrub (LVM snapshots) and systemd-pstore (crash records) would act on the host's devices and
  # records from a privileged container; gettys and trixie's password agents have no console (they fail and leave
  # the machine "degraded"); apt timers would run apt at random moments.
  for unit in systemd-udevd.service systemd-udev-trigger.service systemd-udevd-control.socket systemd-udevd-kernel.socket \
              e2scrub_reap.service e2scrub_all.timer systemd-pstore.service \
              getty@tty1.service console-getty.service systemd-ask-password-console.path systemd-ask-password-wall.path \
              apt-daily.timer apt-daily-upgrade.timer systemd-firstboot.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
  mkdir -p "$root/root/.ssh" && chmod 700 "$root/root/.ssh"

  say "importing as $image with $engine"
  tar -C "$root" -c . | $engine import \
    --change 'CMD ["/sbin/init"]' \
    --change 'STOPSIGNAL SIGRTMIN+3' \
    --change 'LABEL platform.image=machine' \
    --change "LABEL platform.image.revision=$revision" \
    - "$image" >/dev/null
  say "built $image in $(( $(date +%s) - started ))s"
}

# The ready image: the base plus every offline package installed, through the same apt path the
# Deployer uses (policy-rc.d refuses every start, so etcd never forms a default one-node member). The
# units the packages enabled are disabled again, so a ready machine boots exactly what a base one boots;
# the phases enable and start them once their configuration is in place. No network: the packages
# come from the offline repository only. open-iscsi's postinst wrote an initiator name, which must be
# each machine's own: GenerateName=yes makes iscsid generate it on its first start.
build_ready() {
  local started context log
  started=$(date +%s)
  context="$(mktemp -d /var/tmp/platform-machine-ready.XXXXXX)"
  log="$context.log"
  say "building $ready from $image: ${#offline[@]} packages installed, their services disabled"
  if ! $engine build --network none --build-arg "BASE=$image" --build-arg "PACKAGES=${offline[*]}" \
    --label platform.image=machine-ready --label "platform.image.base=$(image_id "$image")" -t "$ready" -f - "$context" >"$log" 2>&1 <<'CONTAINERFILE'
ARG BASE
FROM $BASE
ARG PACKAGES
RUN set -eu; \
    find /etc/systemd/system -path '*.wants/*' | sort > /tmp/wants-before; \
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold $PACKAGES > /tmp/apt.log 2>&1 \
      || { tail -n 30 /tmp/apt.log; exit 1; }; \
    rm -f /usr/sbin/policy-rc.d; \
    find /etc/systemd/system -path '*.wants/*' | sort | comm -13 /tmp/wants-before - | xargs -r -n1 basename | sort -u \
      | xargs -r systemctl disable --quiet; \
    printf '## Generated on the first start of iscsid (open-iscsi startup-checks.sh).\nGenerateName=yes\n' > /etc/iscsi/initiatorname.iscsi; \
    if [ -n "$(ls -A /var/lib/etcd 2>/dev/null)" ]; then echo "etcd initialised data in /var/lib/etcd" >&2; exit 1; fi; \
    if find /etc/systemd/system -path '*.wants/*' | sort | comm -13 /tmp/wants-before - | grep .; then echo "units above are still enabled" >&2; exit 1; fi; \
    apt-get clean; rm -rf /tmp/* /var/tmp/*
CONTAINERFILE
  then
    tail -n 40 "$log" >&2
    rm -rf "$context" "$log"
    say "building $ready failed (its last lines are above)"
    exit 1
  fi
  rm -rf "$context" "$log"
  say "built $ready in $(( $(date +%s) - started ))s"
}

# The monitoring image: the ready one plus prometheus and prometheus-alertmanager (trixie: 2.53 and 0.28),
# installed from the mirror while it builds (the offline repository stays the phases' packages only), their
# services disabled: the lab writes their configuration from the model and starts them.
build_monitoring() {
  local started context log
  started=$(date +%s)
  context="$(mktemp -d /var/tmp/platform-machine-monitoring.XXXXXX)"
  log="$context.log"
  say "building $monitoring from $ready: prometheus and prometheus-alertmanager from $mirror $suite"
  if ! $engine build --build-arg "BASE=$ready" --build-arg "MIRROR=$mirror" --build-arg "SUITE=$suite" \
    --label platform.image=machine-monitoring --label "platform.image.base=$(image_id "$ready")" -t "$monitoring" -f - "$context" >"$log" 2>&1 <<'CONTAINERFILE'
ARG BASE
FROM $BASE
ARG MIRROR
ARG SUITE
RUN set -eu; \
    echo "deb [trusted=yes] $MIRROR $SUITE main" > /etc/apt/sources.list.d/monitoring-build.list; \
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d; \
    apt-get update -q > /tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log; exit 1; }; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus prometheus-alertmanager >> /tmp/apt.log 2>&1 \
      || { tail -n 30 /tmp/apt.log; exit 1; }; \
    rm -f /usr/sbin/policy-rc.d /etc/apt/sources.list.d/monitoring-build.list; \
    systemctl disable --quiet prometheus.service prometheus-alertmanager.service; \
    apt-get update -q >/dev/null 2>&1 || true; apt-get clean; rm -rf /tmp/* /var/tmp/*
CONTAINERFILE
  then
    tail -n 40 "$log" >&2
    rm -rf "$context" "$log"
    say "building $monitoring failed (its last lines are above)"
    exit 1
  fi
  rm -rf "$context" "$log"
  say "built $monitoring in $(( $(date +%s) - started ))s"
}

if [ "${FORCE:-0}" = 1 ] || [ "$(label "$image" platform.image.revision)" != "$revision" ]; then
  build_base
else
  say "$image exists (revision $revision)"
fi

if [ "${FORCE:-0}" = 1 ] || [ -z "$(image_id "$ready")" ] || [ "$(label "$ready" platform.image.base)" != "$(image_id "$image")" ]; then
  build_ready
else
  say "$ready exists (built from $image)"
fi

if [ "${FORCE:-0}" = 1 ] || [ -z "$(image_id "$monitoring")" ] || [ "$(label "$monitoring" platform.image.base)" != "$(image_id "$ready")" ]; then
  build_monitoring
else
  say "$monitoring exists (built from $ready)"
fi
