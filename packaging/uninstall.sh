#!/usr/bin/env bash
# Remove the program installed by install.sh, and every trace of it in the desktop's caches
# (the MIME database and mimeinfo.cache). Your shop data and logs are kept; the paths are
# printed so you can delete them too.
set -euo pipefail
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
id=io.github.replayshop.ReplayShop
rm -rf "$HOME/.local/opt/ReplayShop" "$HOME/.local/bin/ReplayShop"
rm -f "$prefix/applications/$id.desktop" "$prefix/metainfo/$id.metainfo.xml" \
      "$prefix/mime/packages/$id.xml"
find "$prefix/icons/hicolor" -name "$id.*" -delete 2>/dev/null || true
if command -v update-mime-database >/dev/null && [ -d "$prefix/mime/packages" ]; then
    update-mime-database "$prefix/mime"
fi
if command -v update-desktop-database >/dev/null && [ -d "$prefix/applications" ]; then
    update-desktop-database "$prefix/applications"  # drops our line from mimeinfo.cache
fi
echo "Removed Replay Shop. Data kept in $prefix/ReplayShop, logs in ${XDG_STATE_HOME:-$HOME/.local/state}/ReplayShop/log."
