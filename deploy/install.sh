#!/usr/bin/env bash
# Install the kiosk on a Debian 12 machine as a locked-down full-screen kiosk started at boot.
# Run as root from a checkout:   deploy/install.sh
# Safe to run again (to update the code or repair the installation): it keeps
# /etc/kiosk/kiosk.toml and /var/lib/kiosk (log and usage counts) as they are.
#
#   /opt/kiosk                 the code and its Python environment (root-owned, read-only to kiosk)
#   /etc/kiosk/kiosk.toml      the configuration (installed once, then yours)
#   /etc/kiosk/foot.ini        the terminal's settings (replaced on every run, except its
#                              font= line: the text size, the site's)
#   /var/lib/kiosk             log and usage counts (owned by the kiosk user)
#   kiosk.service              Cage + foot + the kiosk on tty1, as user kiosk
set -euo pipefail

PREFIX=/opt/kiosk
CONFIG_DIR=/etc/kiosk
STATE_DIR=/var/lib/kiosk
USER_NAME=kiosk
SRC=$(cd "$(dirname "$0")/.." && pwd)

say() { printf 'install: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    say "run as root (sudo deploy/install.sh)"
    exit 1
fi
if [ ! -f "$SRC/pyproject.toml" ] || [ ! -x "$SRC/scripts/run" ]; then
    say "cannot find the kiosk's source next to this script ($SRC)"
    exit 1
fi

# 1. System packages for the kiosk session (the kiosk's own are installed by scripts/setup).
#    xwayland: Debian 12's cage 0.1.4 refuses to start without it (only a Recommends there).
packages=(cage xwayland foot fonts-dejavu-core dbus libpam-systemd)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# 2. A dedicated unprivileged user: no password, no shell, home = its state folder.
if ! getent passwd "$USER_NAME" >/dev/null; then
    say "creating the user $USER_NAME"
    useradd --system --user-group --home-dir "$STATE_DIR" --no-create-home \
        --shell /usr/sbin/nologin --comment "Patient information kiosk" "$USER_NAME"
fi
# audio: the sound card even before logind hands the seat over; video/render: the screen.
for group in audio video render; do
    if getent group "$group" >/dev/null && ! id -nG "$USER_NAME" | tr ' ' '\n' | grep -qx "$group"; then
        usermod -aG "$group" "$USER_NAME"
    fi
done
install -d -o "$USER_NAME" -g "$USER_NAME" -m 0750 "$STATE_DIR"

# 3. The code, owned by root so the kiosk user cannot change it. The Python environment
#    (.venv, with paths inside it pointing at $PREFIX) is kept between runs.
if [ "$SRC" != "$PREFIX" ]; then
    say "copying $SRC to $PREFIX"
    install -d -m 0755 "$PREFIX"
    find "$PREFIX" -mindepth 1 -maxdepth 1 ! -name .venv ! -name '*.egg-info' -exec rm -rf {} +
    tar -C "$SRC" --exclude=./.venv --exclude=./.git --exclude='*.egg-info' \
        --exclude='__pycache__' --exclude=./.pytest_cache --exclude=./.mypy_cache \
        --exclude=./.ruff_cache -cf - . | tar -C "$PREFIX" --no-same-owner -xf -
    chown -R root:root "$PREFIX"
    chmod -R u+rwX,go+rX,go-w "$PREFIX"
fi
say "installing the kiosk's packages and Python environment (scripts/setup)"
"$PREFIX/scripts/setup"
# The kiosk user cannot write __pycache__ in a root-owned tree: compile once, here.
"$PREFIX/.venv/bin/python" -m compileall -q "$PREFIX/kiosk" >/dev/null || true

# 4. Configuration: the kiosk's (once: it is the site's from then on), the terminal's (always,
#    keeping the site's text size, its font= line).
install -d -m 0755 "$CONFIG_DIR"
if [ ! -e "$CONFIG_DIR/kiosk.toml" ]; then
    # 0640 root:kiosk: it may hold the staff PIN.
    install -m 0640 -o root -g "$USER_NAME" "$SRC/deploy/kiosk.toml" "$CONFIG_DIR/kiosk.toml"
    say "wrote $CONFIG_DIR/kiosk.toml: set staff.pin there"
fi
"$SRC/deploy/install-foot-ini" "$SRC/deploy/foot.ini" "$CONFIG_DIR/foot.ini"
if ! foot --config="$CONFIG_DIR/foot.ini" --check-config >/dev/null 2>&1; then
    say "warning: foot reports problems in $CONFIG_DIR/foot.ini (foot --check-config shows them)"
fi

# 5. Logs: rotation safety net, journald limits; no magic SysRq keys from the kiosk keyboard.
install -m 0644 "$SRC/deploy/logrotate.conf" /etc/logrotate.d/kiosk
install -d -m 0755 /etc/systemd/journald.conf.d
install -m 0644 "$SRC/deploy/journald-kiosk.conf" /etc/systemd/journald.conf.d/kiosk.conf
install -m 0644 "$SRC/deploy/sysctl-kiosk.conf" /etc/sysctl.d/90-kiosk.conf
sysctl -q -p /etc/sysctl.d/90-kiosk.conf || say "warning: could not apply kernel.sysrq=0 now"
systemctl try-restart systemd-journald.service || true

# 6. Staff tools as the kiosk user (kiosk-admin doctor | stats | check).
install -m 0755 "$SRC/deploy/kiosk-admin" /usr/local/sbin/kiosk-admin

# 7. The service. Lingering starts the user's sound server at boot, before the kiosk.
install -m 0644 "$SRC/deploy/kiosk.service" /etc/systemd/system/kiosk.service
loginctl enable-linger "$USER_NAME" || say "warning: could not enable lingering for $USER_NAME"
systemctl daemon-reload
systemctl disable getty@tty1.service >/dev/null 2>&1 || true  # tty1 is the kiosk's
systemctl mask ctrl-alt-del.target >/dev/null                   # no reboot from the keypad
systemctl enable kiosk.service
systemctl set-default graphical.target >/dev/null

say "done. Start it now with: systemctl start kiosk   (or reboot)"
say "then check it with:       kiosk-admin doctor"
