#!/usr/bin/env bash
# Renders qta-studio.svg to the icon files jpackage needs; the results are committed, so building an
# installer does not need these tools. Run again after editing the SVG.
# Needs (Debian): librsvg2-bin (rsvg-convert), icnsutils (png2icns), imagemagick (convert).
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert png2icns convert; do
  command -v "$tool" >/dev/null || { echo "render.sh: $tool is missing (apt-get install librsvg2-bin icnsutils imagemagick)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" qta-studio.svg -o "$tmp/icon-$size.png"
done
cp "$tmp/icon-256.png" qta-studio.png                       # Linux (.deb/.rpm menu icon, app image)
png2icns qta-studio.icns "$tmp"/icon-{16,32,128,256,512}.png >/dev/null   # macOS
convert "$tmp"/icon-{16,32,48,64,128,256}.png qta-studio.ico  # Windows
ls -l qta-studio.png qta-studio.icns qta-studio.ico
