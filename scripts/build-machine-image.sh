#!/usr/bin/env bash
# Builds the image of a "machine" container: Debian 12 with systemd and sshd, booted as PID 1, that the
# Deployer treats like a VM. Nothing can be pulled here, so it is built from a debootstrap'ed root.
# The image carries an OFFLINE apt repository with every package the Deployer installs, and it is the
# image's only apt source: test machines install real packages with apt and send no traffic outside.
# Idempotent: does nothing when the image exists (IMAGE=... to choose the tag, FORCE=1 to rebuild).
set -euo pipefail

image="${IMAGE:-localhost/platform-machine:debian-12}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
say() { echo "build-machine-image: $*" >&2; }
[ "$(id -u)" -eq 0 ] || { say "run as root (debootstrap and chroot need it)"; exit 1; }

engine=podman
command -v podman >/dev/null || engine=docker
if [ "${FORCE:-0}" != 1 ] && $engine image inspect "$image" >/dev/null 2>&1; then
  say "$image exists"
  exit 0
fi

command -v debootstrap >/dev/null && command -v dpkg-scanpackages >/dev/null || {
  say "installing debootstrap and dpkg-dev"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap dpkg-dev >&2
}

started=$(date +%s)
root="$(mktemp -d /var/tmp/platform-machine.XXXXXX)"
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT

say "debootstrap bookworm (minbase) into $root"
debootstrap --variant=minbase \
  --include=systemd,systemd-sysv,dbus,openssh-server,sudo,iproute2,iputils-ping,python3,python3-apt,curl,ca-certificates,procps,kmod,less,gnupg \
  bookworm "$root" "$mirror" >/dev/null

# Every package a phase installs, downloaded with its dependencies but not installed.
offline=(etcd-server etcd-client haproxy keepalived prometheus-node-exporter chrony rsync conntrack socat
         ebtables ethtool ipset apt-transport-https gpg open-iscsi nfs-common unattended-upgrades nftables
         containerd runc)
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
# Each machine gets its own SSH host keys and machine id at first boot.
rm -f "$root"/etc/ssh/ssh_host_*
: > "$root/etc/machine-id"
cat > "$root/etc/systemd/system/ssh-host-keys.service" <<'UNIT'
[Unit]
Description=Generate this machine's SSH host keys
Before=ssh.service
ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

[Service]
Type=oneshot
ExecStart=/usr/bin/ssh-keygen -A

[Install]
WantedBy=multi-user.target
UNIT
ln -sf /etc/systemd/system/ssh-host-keys.service "$root/etc/systemd/system/multi-user.target.wants/ssh-host-keys.service"
# udev would act on the host's devices from a privileged container; gettys have no console; apt timers
# would run apt at random moments during tests.
for unit in systemd-udevd.service systemd-udev-trigger.service systemd-udevd-control.socket systemd-udevd-kernel.socket \
            getty@tty1.service console-getty.service apt-daily.timer apt-daily-upgrade.timer systemd-firstboot.service; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
mkdir -p "$root/root/.ssh" && chmod 700 "$root/root/.ssh"

say "importing as $image with $engine"
tar -C "$root" -c . | $engine import \
  --change 'CMD ["/sbin/init"]' \
  --change 'STOPSIGNAL SIGRTMIN+3' \
  --change 'LABEL platform.image=machine' \
  - "$image" >/dev/null
say "built $image in $(( $(date +%s) - started ))s"
