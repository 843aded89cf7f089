#!/usr/bin/env bash
# Build dist/replayshop_<version>_<arch>.deb from the PyInstaller bundle in dist/ReplayShop
# (`make deb` builds that first). Plain dpkg-deb, no debhelper: the bundle goes to
# /opt/replayshop, a launcher to /usr/bin/replayshop, and the desktop entry, icons, MIME type
# and AppStream metainfo under /usr/share. Debian's own triggers (desktop-file-utils,
# shared-mime-info, hicolor-icon-theme) refresh their caches on install and removal, so the
# package needs no maintainer scripts.
# Reproducible: every file's time is clamped to SOURCE_DATE_EPOCH (the last commit's time by
# default), owners are root, and the file order is dpkg-deb's own sorted order. gzip, not xz:
# every dpkg reads it, and it packs in a third of the time.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=dist/ReplayShop
[ -x "$bundle/ReplayShop" ] || { echo "no bundle at $bundle: run make package first" >&2; exit 2; }
version=$(.venv/bin/python -c 'from importlib.metadata import version; print(version("replayshop"))')
arch=$(dpkg --print-architecture)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
root=build/deb/root
rm -rf build/deb && mkdir -p "$root/DEBIAN" "$root/opt/replayshop" "$root/usr/bin"

# The bundle, without what only the tarball's own installer needs.
cp -a "$bundle/." "$root/opt/replayshop/"
rm -rf "$root/opt/replayshop/share" "$root/opt/replayshop/install.sh" \
    "$root/opt/replayshop/uninstall.sh"
cat > "$root/usr/bin/replayshop" <<'SH'
#!/bin/sh
exec /opt/replayshop/ReplayShop "$@"
SH
chmod 755 "$root/usr/bin/replayshop"

bash packaging/desktop-files.sh "$root/usr"
# On the PATH now: the desktop entry runs the launcher by name.
sed -i 's|^Exec=.*|Exec=replayshop %f|' \
    "$root/usr/share/applications/io.github.replayshop.ReplayShop.desktop"
mkdir -p "$root/usr/share/doc/replayshop"
cp LICENSE "$root/usr/share/doc/replayshop/copyright"

# What the bundle loads from the system (ReplayShop.spec leaves system libraries out, so that
# it runs from glibc 2.35 on); the xcb ones are the list
# scripts/system-deps installs for running from source.
depends="libc6 (>= 2.35), libstdc++6, zlib1g, libegl1, libgl1, libglib2.0-0, libfontconfig1,
 libfreetype6, libdbus-1-3, libx11-6, libx11-xcb1, libxcb1,
 libxkbcommon0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0,
 libxcb-image0, libxcb-render-util0, libxcb-xkb1, libxcb-shape0, libxcb-randr0,
 libxcb-xinerama0, fonts-dejavu-core"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: replayshop
Version: $version
Architecture: $arch
Maintainer: Replay Shop developers <replayshop@users.noreply.github.com>
Installed-Size: $size
Depends: $(echo $depends)
Recommends: shared-mime-info, desktop-file-utils
Section: misc
Priority: optional
Homepage: https://github.com/replayshop/replayshop
Description: event-sourced desktop shop whose every session can be replayed
 Replay Shop keeps every change to the shop as an event in an append-only log
 and records each session next to the events it caused, so a bug report comes
 with a recording that replays in the app's own viewer.
CONTROL

find "$root" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +
out="dist/replayshop_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$out" >/dev/null
echo "built $out ($(du -h "$out" | cut -f1))"
