#!/usr/bin/env bash
# Install this unpacked bundle for the current user: ~/.local/opt/ReplayShop, a launcher, the
# menu entry, the icons and the MIME type of recordings (a double-clicked *.shoprec opens the
# replay viewer). No root needed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/opt/ReplayShop"
id=io.github.replayshop.ReplayShop
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin"
[ "$here" = "$target" ] || { rm -rf "$target"; cp -r "$here" "$target"; }
ln -sf "$target/ReplayShop" "$HOME/.local/bin/ReplayShop"
# Into icons/, whether or not the data folder existed before (cp -r into a missing folder
# would have made the copy *be* it).
mkdir -p "$prefix/icons" "$prefix/applications" "$prefix/metainfo" "$prefix/mime/packages"
cp -r "$target/share/icons/." "$prefix/icons/"
# The path is quoted in Exec: a home folder may hold spaces.
sed "s|^Exec=ReplayShop|Exec=\"$target/ReplayShop\"|" "$target/share/applications/$id.desktop" \
    > "$prefix/applications/$id.desktop"
cp "$target/share/metainfo/$id.metainfo.xml" "$prefix/metainfo/"
cp "$target/share/mime/packages/$id.xml" "$prefix/mime/packages/"
command -v update-mime-database >/dev/null && update-mime-database "$prefix/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$prefix/icons/hicolor" || true
echo "Installed. Start Replay Shop from the menu, or run ReplayShop."
