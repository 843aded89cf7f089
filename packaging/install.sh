#!/usr/bin/env bash
# Install this unpacked bundle for the current user: ~/.local/opt/ReplayShop, a launcher,
# the menu entry and the icons. No root needed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/opt/ReplayShop"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin"
[ "$here" = "$target" ] || { rm -rf "$target"; cp -r "$here" "$target"; }
ln -sf "$target/ReplayShop" "$HOME/.local/bin/ReplayShop"
cp -r "$target/share/icons" "$prefix/"
mkdir -p "$prefix/applications" "$prefix/metainfo"
sed "s|^Exec=ReplayShop|Exec=$target/ReplayShop|" "$target/share/applications/replayshop.desktop" \
    > "$prefix/applications/replayshop.desktop"
cp "$target/share/metainfo/"*.xml "$prefix/metainfo/"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Installed. Start Replay Shop from the menu, or run ReplayShop."
