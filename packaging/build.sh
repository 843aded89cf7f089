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
bash packaging/desktop-files.sh dist/ReplayShop
cp packaging/install.sh packaging/uninstall.sh dist/ReplayShop/
tarball="dist/ReplayShop-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$tarball" ReplayShop
echo "built dist/ReplayShop ($(du -sh dist/ReplayShop | cut -f1)) and $tarball ($(du -sh "$tarball" | cut -f1)) in $(( $(date +%s) - started )) s"
