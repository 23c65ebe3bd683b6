#!/usr/bin/env bash
# Draws a synthetic, face-like greyscale portrait for every persona and stores it as the card
# photo (DF27): JPEG 2000 in the JP2 container, 240x300, well under 20 KB. No real person is
# depicted: the "face" is a few ellipses whose sizes and shades come from a hash of the persona
# id, so each persona gets a different but stable picture. Needs ImageMagick (`convert`) and
# libopenjp2-tools (`opj_compress`). Run from anywhere; the output is committed.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in */; do
  id=${dir%/}
  [ -f "$id/persona.toml" ] || continue
  h=$(printf '%s' "$id" | sha256sum | cut -c1-16)
  n() { echo $(( 16#${h:$1:2} % $2 )); }   # byte $1 of the hash, modulo $2
  bg=$(( 200 + $(n 0 40) ))       # background grey
  skin=$(( 150 + $(n 2 60) ))     # face grey
  hair=$(( 20 + $(n 4 80) ))      # hair grey
  fw=$(( 70 + $(n 6 15) ))        # face half-width
  fh=$(( 95 + $(n 8 15) ))        # face half-height
  ey=$(( 135 + $(n 10 10) ))      # eye line
  mw=$(( 18 + $(n 12 14) ))       # mouth half-width
  convert -size 240x300 "xc:rgb($bg,$bg,$bg)" \
    -fill "rgb($hair,$hair,$hair)" -draw "ellipse 120,125 $((fw + 12)),$((fh - 5)) 180,360" \
    -fill "rgb($skin,$skin,$skin)" -draw "ellipse 120,150 $fw,$fh 0,360" \
    -fill "rgb($skin,$skin,$skin)" -draw "rectangle 95,230 145,300" \
    -fill "rgb($hair,$hair,$hair)" -draw "ellipse 120,300 110,45 180,360" \
    -fill 'rgb(40,40,40)' -draw "ellipse 90,$ey 10,6 0,360" -draw "ellipse 150,$ey 10,6 0,360" \
    -stroke 'rgb(90,90,90)' -strokewidth 3 -draw "line 120,$((ey + 10)) 114,$((ey + 35))" \
    -fill none -stroke 'rgb(70,70,70)' -draw "arc $((120 - mw)),185 $((120 + mw)),205 20,160" \
    -blur 0x1.2 -colorspace Gray -depth 8 "$tmp/$id.pgm"
  opj_compress -i "$tmp/$id.pgm" -o "$id/photo.jp2" -r 10 >/dev/null
  echo "$id/photo.jp2 $(stat -c %s "$id/photo.jp2") bytes"
done
