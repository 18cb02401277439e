"""Regenerate places.csv and place_links.csv from the administrative-unit tables exported from the
PyPI package vietnam-provinces 2026.9.0 (see README.md in this folder for the provenance):

    python data/catalogues/build_places.py FOLDER

FOLDER holds province_2025.csv, commune_2025.csv, province_legacy.csv, district_legacy.csv,
commune_legacy.csv, province_old_to_new.csv and commune_old_to_new.csv. place_extras.csv (this
folder) adds what the source does not give: the approximate seats (lat, lon) and the dates of
creation of former Quảng Bình's units, kept from the earlier hand-made catalogue. Build-time only:
the application reads the two CSV files written here, never FOLDER."""
from __future__ import annotations

import csv
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFORM_EVE, REFORM_DAY = "2025-06-30", "2025-07-01"
COLUMNS = ["code", "gso_code", "name_vi", "name_en", "level", "parent_code", "valid_from", "valid_to", "lat", "lon"]

# Two rows of the Government's conversion table carry a wrong old-province code; the old district
# says which is right (already corrected in the exported files; applied again so the build does not
# depend on it).
OLD_PROVINCE_CORRECTIONS = {"27691": "80", "30781": "91"}

# A unit's type as the source writes it at the start of its name -> its English word.
TYPES = (("thành phố", "City"), ("thị xã", "Town"), ("thị trấn", "Township"), ("đặc khu", "Special Zone"),
         ("tỉnh", "Province"), ("quận", "District"), ("huyện", "District"), ("phường", "Ward"), ("xã", "Commune"))


def plain(text: str) -> str:
    """Without diacritics (đ as d)."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def typed(name_vi: str) -> str:
    """The unit's type in sentence case as official texts write it: the source writes two cities
    'Thành Phố ...' where every other is 'Thành phố ...'."""
    lowered = name_vi.lower()
    for vi, _ in TYPES:
        if lowered.startswith(vi + " "):
            return vi[:1].upper() + vi[1:] + name_vi[len(vi):]
    return name_vi


def english(name_vi: str) -> str:
    """'Thành phố Đồng Hới' -> 'Dong Hoi City'; 'Phường 4' -> 'Ward 4'."""
    lowered = name_vi.lower()
    for vi, en in TYPES:
        if lowered.startswith(vi + " "):
            bare = plain(name_vi[len(vi) + 1:].strip())
            return f"{en} {bare}" if bare[:1].isdigit() else f"{bare} {en}"
    return plain(name_vi)


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build(folder: Path) -> tuple[list[dict], list[dict]]:
    provinces_new = read(folder, "province_2025.csv")
    communes_new = read(folder, "commune_2025.csv")
    provinces_old = read(folder, "province_legacy.csv")
    districts_old = read(folder, "district_legacy.csv")
    communes_old = read(folder, "commune_legacy.csv")
    province_links = read(folder, "province_old_to_new.csv")
    commune_links = read(folder, "commune_old_to_new.csv")

    p2, d3, c5 = (lambda c: c.zfill(2)), (lambda c: c.zfill(3)), (lambda c: c.zfill(5))
    new_provinces = {p2(r["province_code"]) for r in provinces_new}
    new_communes = {c5(r["commune_code"]) for r in communes_new}

    # The key rule: the official padded code, except for a unit abolished on 1/7/2025 whose code a
    # unit in force reuses (`<code>-old`). District codes (3 digits) were not reused.
    def old_province(code: str) -> str:
        return f"{p2(code)}-old" if p2(code) in new_provinces else p2(code)

    def old_commune(code: str) -> str:
        return f"{c5(code)}-old" if c5(code) in new_communes else c5(code)

    old_range = {"valid_from": "", "valid_to": REFORM_EVE}
    new_range = {"valid_from": REFORM_DAY, "valid_to": ""}
    places: list[dict] = []

    def add(key, code, name, level, parent, validity):
        name = typed(name.strip())
        places.append({"code": key, "gso_code": code, "name_vi": name, "name_en": english(name),
                       "level": level, "parent_code": parent, **validity, "lat": "", "lon": ""})

    for r in provinces_old:
        add(old_province(r["province_code"]), p2(r["province_code"]), r["name"], "province", "", old_range)
    district_province = {}
    for r in districts_old:
        district_province[d3(r["district_code"])] = p2(r["province_code"])
        add(d3(r["district_code"]), d3(r["district_code"]), r["name"], "district",
            old_province(r["province_code"]), old_range)
    commune_district = {}
    for r in communes_old:
        commune_district[c5(r["commune_code"])] = d3(r["district_code"])
        add(old_commune(r["commune_code"]), c5(r["commune_code"]), r["name"], "commune",
            d3(r["district_code"]), old_range)
    for r in provinces_new:
        add(p2(r["province_code"]), p2(r["province_code"]), r["name"], "province", "", new_range)
    for r in communes_new:
        add(c5(r["commune_code"]), c5(r["commune_code"]), r["name"], "commune", p2(r["province_code"]), new_range)

    keys = [p["code"] for p in places]
    assert len(keys) == len(set(keys)), "place keys must be unique"
    by_key = {p["code"]: p for p in places}
    for extra in read(HERE, "place_extras.csv"):
        place = by_key[extra["code"]]
        for column in ("valid_from", "lat", "lon"):
            if extra[column]:
                place[column] = extra[column]

    links: dict[tuple[str, str], bool] = {}
    for r in province_links:
        links[(old_province(r["old_province_code"]), p2(r["new_province_code"]))] = False

    # Commune links, and each old district's new communes derived from its communes.
    district_targets: dict[str, dict[str, bool]] = defaultdict(dict)
    for r in commune_links:
        old, district, new = c5(r["old_commune_code"]), d3(r["old_district_code"]), c5(r["new_commune_code"])
        province = OLD_PROVINCE_CORRECTIONS.get(r["old_commune_code"], r["old_province_code"])
        assert district_province[district] == p2(province), f"old commune {old}: district and province disagree"
        partial = r["partly_merged"] == "1"
        if old in commune_district:  # 10 old codes of the conversion table are not in the code list
            links[(old_commune(old), new)] = partial
        district_targets[district][new] = district_targets[district].get(new, False) or partial
    for district, targets in district_targets.items():
        whole = len(targets) == 1 and not any(targets.values())
        for new in targets:
            links[(district, new)] = not whole
    # An island district without communes became the special zone of its name in its new province.
    for r in districts_old:
        district = d3(r["district_code"])
        if district in district_targets:
            continue
        new_province = next(p2(x["new_province_code"]) for x in province_links
                            if p2(x["old_province_code"]) == district_province[district])
        bare = plain(r["name"].split(" ", 1)[1]).lower()
        zone = [c5(c["commune_code"]) for c in communes_new if p2(c["province_code"]) == new_province
                and c["division_type"] == "đặc khu" and plain(c["name"].split(" ", 2)[2]).lower() == bare]
        assert len(zone) == 1, f"district {district} without communes: no special zone of its name"
        links[(district, zone[0])] = False

    link_rows = [{"old_code": o, "new_code": n, "partial": "true" if p else "false"}
                 for (o, n), p in sorted(links.items())]
    return places, link_rows


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    places, links = build(Path(argv[1]))
    write(HERE / "places.csv", COLUMNS, places)
    write(HERE / "place_links.csv", ["old_code", "new_code", "partial"], links)
    print(f"places.csv: {len(places)} units; place_links.csv: {len(links)} links")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
