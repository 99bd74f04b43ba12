#!/usr/bin/env python3
"""Country outlines for the web page's map, from Natural Earth (public domain).

Reads the TopoJSON `countries-110m.json` of the npm package world-atlas 2.0.2
(Natural Earth 1:110m Admin 0, public domain; packaged by Mike Bostock, ISC)
and pycountry's ISO 3166-1 table (to turn ISO numeric ids into alpha-2), and
writes crates/dossier-serve/assets/world.json: one SVG path per country in an
equirectangular projection, x = longitude + 180, y = 90 - latitude (degrees),
one decimal.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    pip download --no-deps pycountry==26.2.16
    python3 scripts/world_outlines.py package/countries-110m.json pycountry-26.2.16-py3-none-any.whl
"""
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/dossier-serve/assets/world.json"


def iso_table(wheel):
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith("iso3166-1.json"))
        rows = json.loads(z.read(name))["3166-1"]
    return {int(r["numeric"]): r["alpha_2"] for r in rows}


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """Rings that cross the antimeridian jump by ~360 degrees of longitude:
    keep them continuous (past -180 or 180) and draw them a second time,
    shifted by 360, so both sides of the map show their part."""
    out = []
    shift = 0
    for i, (lon, lat) in enumerate(points):
        if i and lon + shift - out[-1][0] > 180:
            shift -= 360
        elif i and lon + shift - out[-1][0] < -180:
            shift += 360
        out.append((lon + shift, lat))
    copies = [out]
    if max(lon for lon, _ in out) > 180:
        copies.append([(lon - 360, lat) for lon, lat in out])
    if min(lon for lon, _ in out) < -180:
        copies.append([(lon + 360, lat) for lon, lat in out])
    return copies


def path(rings):
    parts = []
    for points in (copy for ring_points in rings for copy in unwrap(ring_points)):
        cells = []
        last = None
        for lon, lat in points:
            cell = (round(lon + 180, 1), round(90 - lat, 1))
            if cell != last:
                cells.append(cell)
                last = cell
        if len(cells) < 3:
            continue
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in cells) + "Z")
    return "".join(parts)


def main():
    topo = json.loads(Path(sys.argv[1]).read_text())
    alpha2 = iso_table(sys.argv[2])
    arcs = decode_arcs(topo)
    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        d = path(rings)
        if not d:
            continue
        numeric = geometry.get("id")
        code = alpha2.get(int(numeric)) if numeric and numeric.isdigit() else None
        countries.append({"code": code, "name": geometry["properties"]["name"], "d": d})
    countries.sort(key=lambda c: (c["code"] or "~", c["name"]))
    doc = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat",
        "width": 360,
        "height": 180,
        "countries": countries,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{len(countries)} countries, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main()
