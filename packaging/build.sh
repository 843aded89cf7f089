#!/usr/bin/env bash
# Build dist/ReplayShop/ and dist/ReplayShop-<version>-linux-x86_64.tar.gz with PyInstaller.
# Run through `make package`, which provides .venv with the `package` extra.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c 'from importlib.metadata import version; print(version("replayshop"))')
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/ReplayShop.spec
# Desktop integration files travel inside the bundle; install.sh puts them in place.
mkdir -p dist/ReplayShop/share/applications dist/ReplayShop/share/metainfo
cp packaging/replayshop.desktop dist/ReplayShop/share/applications/
cp packaging/io.github.replayshop.ReplayShop.metainfo.xml dist/ReplayShop/share/metainfo/
for size in 16 32 48 64 128 256; do
    mkdir -p "dist/ReplayShop/share/icons/hicolor/${size}x${size}/apps"
    cp "packaging/icons/replayshop-${size}.png" \
       "dist/ReplayShop/share/icons/hicolor/${size}x${size}/apps/replayshop.png"
done
mkdir -p dist/ReplayShop/share/icons/hicolor/scalable/apps
cp packaging/icons/replayshop.svg dist/ReplayShop/share/icons/hicolor/scalable/apps/
cp packaging/install.sh packaging/uninstall.sh dist/ReplayShop/
tarball="dist/ReplayShop-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$tarball" ReplayShop
echo "built dist/ReplayShop ($(du -sh dist/ReplayShop | cut -f1)) and $tarball ($(du -sh "$tarball" | cut -f1)) in $(( $(date +%s) - started )) s"
