#!/usr/bin/env bash
# Build dist/replayshop_<version>-1_<arch>.deb from the PyInstaller bundle in dist/ReplayShop
# (`make deb` builds that first). Plain dpkg-deb, no debhelper, laid out as lintian wants it:
# the bundle goes to /usr/lib/replayshop (architecture-dependent files of one package), a
# launcher to /usr/bin/replayshop, and the desktop entry, icons, MIME type, AppStream metainfo
# and the manual page under /usr/share. Debian's own triggers (desktop-file-utils,
# shared-mime-info, hicolor-icon-theme, man-db) refresh their caches on install and removal,
# so the package needs no maintainer scripts.
# The version is the app's with a Debian revision (-1): the package is built from an upstream
# release, so its changelog is changelog.Debian.gz (packaging/debian/changelog).
# Reproducible: every file's time is clamped to SOURCE_DATE_EPOCH (the last commit's time by
# default), owners are root, and the file order is dpkg-deb's own sorted order. gzip, not xz:
# every dpkg reads it, and it packs in a third of the time.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=dist/ReplayShop
[ -x "$bundle/ReplayShop" ] || { echo "no bundle at $bundle: run make package first" >&2; exit 2; }
version=$(.venv/bin/python -c 'from importlib.metadata import version; print(version("replayshop"))')
arch=$(dpkg --print-architecture)
deb_version="$version-1"
# The changelog is written by hand; a release whose entry is missing should not ship.
top=$(sed -n '1s/^replayshop (\([^)]*\)).*/\1/p' packaging/debian/changelog)
[ "$top" = "$deb_version" ] || {
    echo "packaging/debian/changelog's latest entry is '$top', not $deb_version: add one" >&2
    exit 2
}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
root=build/deb/root
lib=$root/usr/lib/replayshop
doc=$root/usr/share/doc/replayshop
rm -rf build/deb && mkdir -p "$root/DEBIAN" "$lib" "$root/usr/bin" "$doc" \
    "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"

# The bundle, without what only the tarball's own installer needs.
cp -a "$bundle/." "$lib/"
rm -rf "$lib/share" "$lib/install.sh" "$lib/uninstall.sh"
# Every ELF file, stripped of its symbols; the wheels ship theirs unstripped. The main
# executable too: PyInstaller (6 and later) keeps its archive in an ELF section (pydata), which
# strip leaves in place, so the stripped bundle starts (tests/packaging checks it does).
# Search paths that are not relative to the library ($ORIGIN...) are dropped: they point into
# the build machine (pyenv's /root/.pyenv/.../lib for the interpreter's modules), and on a
# user's machine they only make the loader look somewhere it should not. Shared libraries are
# data to the loader, so they lose the executable bit the wheels give them.
while IFS= read -r -d '' file; do
    [ "$(head -c4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    strip --strip-unneeded "$file"
    rpath=$(patchelf --print-rpath "$file")
    if [ -n "$rpath" ]; then
        kept=$(tr ':' '\n' <<<"$rpath" | grep '^\$ORIGIN' | paste -sd: || true)
        if [ -z "$kept" ]; then
            patchelf --remove-rpath "$file"
        elif [ "$kept" != "$rpath" ]; then
            patchelf --set-rpath "$kept" "$file"
        fi
    fi
    case "$file" in *.so|*.so.*) chmod 644 "$file" ;; esac
done < <(find "$lib" -type f -print0)
cat > "$root/usr/bin/replayshop" <<'SH'
#!/bin/sh
exec /usr/lib/replayshop/ReplayShop "$@"
SH
chmod 755 "$root/usr/bin/replayshop"

bash packaging/desktop-files.sh "$root/usr"
# On the PATH now: the desktop entry runs the launcher by name.
sed -i 's|^Exec=.*|Exec=replayshop %f|' \
    "$root/usr/share/applications/io.github.replayshop.ReplayShop.desktop"
# Documentation as Debian policy has it: a machine-readable copyright file that names the
# bundled parts' licences, the changelog and the manual page compressed with gzip -9n (-n: no
# name or time inside, so the package is reproducible).
cp packaging/debian/copyright "$doc/copyright"
gzip -9n < packaging/debian/changelog > "$doc/changelog.Debian.gz"
.venv/bin/python packaging/make_manpage.py build/deb/replayshop.1
gzip -9n < build/deb/replayshop.1 > "$root/usr/share/man/man1/replayshop.1.gz"
# What lintian flags that comes with bundling an interpreter and Qt, each with its reason.
cp packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/replayshop"

# What the bundle loads from the system (ReplayShop.spec leaves system libraries out, so that
# it runs from glibc 2.35 on); the xcb ones are the list
# scripts/system-deps installs for running from source. The second line is what the
# interpreter's own modules link to (readelf -d on the bundle): sqlite3 (every shop and
# recording), ssl and hashlib, ctypes, bz2, lzma and uuid. The t64 names are the same
# libraries in Debian 13 and Ubuntu 24.04.
depends="libc6 (>= 2.35), libstdc++6, zlib1g, libegl1, libgl1, libglib2.0-0, libfontconfig1,
 libsqlite3-0, libssl3 | libssl3t64, libffi8, libbz2-1.0, liblzma5, libuuid1 | libuuid1t64,
 libfreetype6, libdbus-1-3, libx11-6, libx11-xcb1, libxcb1,
 libxkbcommon0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0,
 libxcb-image0, libxcb-render-util0, libxcb-xkb1, libxcb-shape0, libxcb-randr0,
 libxcb-xinerama0, fonts-dejavu-core"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: replayshop
Version: $deb_version
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

# dpkg --verify and debsums check the installed files against these.
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
    | xargs -0 md5sum > DEBIAN/md5sums)
find "$root" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +
rm -f dist/replayshop_*.deb  # the tests install the one that is there
out="dist/replayshop_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$out" >/dev/null
echo "built $out ($(du -h "$out" | cut -f1))"
