#!/usr/bin/env bash
# Put the desktop integration files into DEST/share, the layout install.sh and the .deb take
# them from: the desktop entry, AppStream metainfo, the MIME type of recordings and the icons,
# all under the one reverse-DNS identity io.github.replayshop.ReplayShop.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$1/share"
id=io.github.replayshop.ReplayShop
mkdir -p "$dest/applications" "$dest/metainfo" "$dest/mime/packages"
cp "$here/$id.desktop" "$dest/applications/"
cp "$here/$id.metainfo.xml" "$dest/metainfo/"
cp "$here/$id.mime.xml" "$dest/mime/packages/$id.xml"
for size in 16 32 48 64 128 256; do
    mkdir -p "$dest/icons/hicolor/${size}x${size}/apps"
    cp "$here/icons/replayshop-${size}.png" "$dest/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$dest/icons/hicolor/scalable/apps"
cp "$here/icons/replayshop.svg" "$dest/icons/hicolor/scalable/apps/$id.svg"
