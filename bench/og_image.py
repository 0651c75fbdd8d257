"""Draw static/img/og-default.png, the picture sharing services show for pages without one of their own.

1200 × 630 px: the portal's name and claim in the site's own Fira Sans (the self-hosted WOFF2 of KERN), the
outline of NRW with its Kreise from the BKG boundaries (portal/data/kommunen.json). Run it again after a
change of name or colours; the output is the same on every run.

    .venv/bin/python bench/og_image.py
"""

import json
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static/vendor/kern/fonts/fira-sans"
TARGET = ROOT / "static/img/og-default.png"
WIDTH, HEIGHT = 1200, 630
BRAND, BRAND_DARK, LIGHT = (29, 63, 140), (19, 41, 92), (255, 255, 255)
ATTRIBUTION = "Karte: © GeoBasis-DE / BKG (2016)"
# The map's coordinate system (portal/maps.py).
MAP_WIDTH, MAP_HEIGHT = 1257, 1237


def polygons(shape: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path as the derive script writes it: "M x y l dx dy … z", possibly several."""
    rings, ring = [], []
    x = y = 0.0
    for command, numbers in re.findall(r"([MlZz])([^MlZz]*)", shape):
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", numbers)]
        if command == "M":
            if ring:
                rings.append(ring)
            x, y = values[0], values[1]
            ring = [(x, y)]
            values = values[2:]
        for i in range(0, len(values) - 1, 2):
            x, y = x + values[i], y + values[i + 1]
            ring.append((x, y))
        if command in "Zz" and ring:
            rings.append(ring)
            ring = []
    if ring:
        rings.append(ring)
    return rings


def draw_map(draw: ImageDraw.ImageDraw, *, left: float, top: float, height: float) -> None:
    records = json.loads((ROOT / "portal/data/kommunen.json").read_text(encoding="utf-8"))["records"]
    scale = height / MAP_HEIGHT

    def place(ring):
        return [(left + px * scale, top + py * scale) for px, py in ring]

    for record in records:
        if record["kind"] in ("kreis", "kreisfreie_stadt"):
            for ring in polygons(record["shape"]):
                draw.polygon(place(ring), fill=(61, 96, 170), outline=(150, 175, 225), width=2)


def main() -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT - 36, WIDTH, HEIGHT], fill=BRAND_DARK)
    draw_map(draw, left=735, top=60, height=450)
    small = ImageFont.truetype(str(FONTS / "FiraSans-Regular.woff2"), 18)
    draw.text((WIDTH - 24, HEIGHT - 18), ATTRIBUTION, font=small, fill=(190, 205, 235), anchor="rm")

    # The two linked rings of the favicon.
    for cx in (110, 170):
        draw.ellipse([cx - 46, 110 - 46, cx + 46, 110 + 46], outline=LIGHT, width=12)

    bold = ImageFont.truetype(str(FONTS / "FiraSans-SemiBold.woff2"), 76)
    regular = ImageFont.truetype(str(FONTS / "FiraSans-Regular.woff2"), 32)
    draw.text((64, 210), "Interkommunales", font=bold, fill=LIGHT)
    draw.text((64, 290), ".NRW", font=bold, fill=(180, 200, 240))
    draw.text((64, 400), "Gemeinsam mehr erreichen", font=regular, fill=LIGHT)
    draw.text((64, 450), "Das Portal für interkommunale", font=regular, fill=(210, 222, 245))
    draw.text((64, 492), "Zusammenarbeit in Nordrhein-Westfalen", font=regular, fill=(210, 222, 245))
    image.save(TARGET, "PNG", optimize=True)
    print(f"{TARGET.relative_to(ROOT)}: {WIDTH} × {HEIGHT}, {TARGET.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
