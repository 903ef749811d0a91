#!/usr/bin/env bash
# Renders verdant.svg into the icon files each platform needs; the results are committed, so a build needs none of
# these tools. Needs ImageMagick (convert) and python3.
#   verdant-<N>.png  16..1024: the window's icons (VerdantApp) and Linux's (jpackage --icon takes the 256 one)
#   verdant.ico      Windows (16, 24, 32, 48, 64, 128, 256 in one file)
#   verdant.icns     macOS (PNG entries: 16, 32, 64, 128, 256, 512, 1024)
set -euo pipefail
cd "$(dirname "$0")"
CONVERT=${CONVERT:-convert}
for n in 16 24 32 48 64 128 256 512 1024; do
  # a density high enough that the vector is rasterised above the target size, then scaled down (sharp at 16 px)
  "$CONVERT" -background none -density 384 verdant.svg -resize "${n}x${n}" -strip "PNG32:verdant-$n.png"
done
"$CONVERT" verdant-16.png verdant-24.png verdant-32.png verdant-48.png verdant-64.png verdant-128.png verdant-256.png \
  verdant.ico
python3 - <<'PY'
import struct
# ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG bytes) per entry; these OSType codes hold PNG.
entries = [(b'icp4', 16), (b'icp5', 32), (b'icp6', 64), (b'ic07', 128), (b'ic08', 256), (b'ic09', 512), (b'ic10', 1024)]
body = b''
for code, size in entries:
    data = open(f'verdant-{size}.png', 'rb').read()
    body += code + struct.pack('>I', len(data) + 8) + data
open('verdant.icns', 'wb').write(b'icns' + struct.pack('>I', len(body) + 8) + body)
PY
ls -l verdant-*.png verdant.ico verdant.icns
