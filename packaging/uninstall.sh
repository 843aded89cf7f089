#!/usr/bin/env bash
# Remove the program installed by install.sh. Your shop data and logs are kept; the paths are
# printed so you can delete them too.
set -euo pipefail
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
rm -rf "$HOME/.local/opt/ReplayShop" "$HOME/.local/bin/ReplayShop"
rm -f "$prefix/applications/replayshop.desktop" "$prefix/metainfo/io.github.replayshop.ReplayShop.metainfo.xml"
find "$prefix/icons/hicolor" -name 'replayshop.*' -delete 2>/dev/null || true
echo "Removed Replay Shop. Data kept in $prefix/ReplayShop, logs in ${XDG_STATE_HOME:-$HOME/.local/state}/ReplayShop/log."
