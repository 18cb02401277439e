"""Deterministic demo data: a realistic dataset of the merged Quảng Trị from 2019 to 11/2026 — former
Quảng Bình (Plan 676's territory) and, smaller, former Quảng Trị (the illustrative second plan's), each
with its districts before 1/7/2025 and its new communes after.

Fixed seed and fixed reference dates: the same scale and seed always give the same
database. `scale` multiplies every count (1 = one province, about 4,500 enterprises).
"""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from . import analytics
from .db import set_meta, transaction
from .settings import CATALOGUES_DIR
from .sql import ident

SEED = 20210429
QT_SEED_OFFSET = 45  # former Quảng Trị's data come from their own generator, so Quảng Bình's stay as they were
QT_SHARE = 0.6       # former Quảng Trị's volumes beside former Quảng Bình's
QT_TAX_PREFIX = "32"  # tax codes issued in Quảng Trị start with 32
QT_DISTRICTS = {"461": 0.30, "464": 0.14, "466": 0.11, "469": 0.11, "465": 0.11, "470": 0.08, "468": 0.07,
                "462": 0.05, "467": 0.03}
QT_IN_DEPTH_SEATS = {2021: [12], 2022: [14], 2023: [15, 13], 2024: [16], 2025: [17, 15], 2026: [18]}
QT_PILOTS = [(dt.date(2022, 2, 14), dt.date(2023, 8, 8), "5S"),
             (dt.date(2023, 5, 2), dt.date(2025, 6, 30), "Kaizen"),
             (dt.date(2025, 3, 3), dt.date(2025, 7, 1), "Năng suất xanh"),
             (dt.date(2026, 1, 12), None, "Lean")]
QT_CABS = [("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Quảng Trị", "ISO/IEC 17025",
            dt.date(2017, 3, 20), None, "461"),
           ("Phòng thử nghiệm Nông sản Đông Hà", "ISO/IEC 17025", dt.date(2025, 7, 1), None, "19333")]
DATA_START = dt.date(2019, 1, 1)
DATA_END = dt.date(2026, 11, 20)  # the demo data is "recorded" up to this day
ENTERPRISES = 4500
# Certificate dates step in whole days (NumPy 2.5 deprecates timedeltas without a unit).
NOT_A_DAY = np.datetime64("NaT", "D")
THREE_YEARS = np.timedelta64(3 * 365, "D")
ONE_DAY = np.timedelta64(1, "D")
TAX_PREFIX = "31"  # tax codes issued in Quảng Bình start with 31

DISTRICTS = {"450": 0.34, "455": 0.15, "458": 0.12, "454": 0.10, "457": 0.10,
             "456": 0.08, "453": 0.06, "452": 0.05}
SECTORS = {"G": 0.34, "F": 0.18, "C": 0.14, "I": 0.08, "H": 0.06, "A": 0.05, "M": 0.04,
           "N": 0.03, "J": 0.02, "E": 0.015, "L": 0.015, "B": 0.01, "D": 0.005, "P": 0.005,
           "Q": 0.005, "R": 0.005, "S": 0.01}
SIZES = {"micro": 0.68, "small": 0.25, "medium": 0.04, "large": 0.03}
EMPLOYEES = {"micro": (1, 10), "small": (11, 100), "medium": (101, 200), "large": (201, 1500)}
OWNERSHIP = {"non_state": 0.955, "state": 0.015, "fdi": 0.03}

NAME_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã", "Công ty TNHH MTV"]
NAME_WORDS_1 = ["Thương mại", "Xây dựng", "Dịch vụ", "Sản xuất", "Vận tải", "Du lịch", "Thủy sản",
                "Nông nghiệp", "Cơ khí", "Vật liệu", "Thực phẩm", "Đầu tư", "Kỹ thuật", "Môi trường"]
NAME_WORDS_2 = ["Nhật Lệ", "Sông Gianh", "Phong Nha", "Hoành Sơn", "Đèo Ngang", "Bảo Ninh", "Kiến Giang",
                "Hòa Bình", "Thành Công", "Hưng Phát", "Minh Long", "An Phú", "Trường Sơn", "Quảng Phú",
                "Tân Tiến", "Hải Thành", "Đồng Tiến", "Phú Quý", "Việt Trung", "Lý Hòa"]
# Distinctive names a repeated name takes instead (see distinct_names): never drawn at random, so
# the generator's random stream, and every other demo number, stays as it was.
NAME_WORDS_EXTRA = ["Thanh Bình", "Phước Lộc", "Đại Phong", "Hoàng Long", "Tân Phú", "Kim Ngân", "Bình Minh",
                    "Sao Mai", "Hồng Hà", "Đức Thịnh", "Thái Sơn", "Phúc Hưng", "Gia Huy", "Nam Thành",
                    "Toàn Thắng", "Hải Đăng", "Vĩnh Phát", "Thịnh Vượng", "Quang Minh", "Ánh Dương"]


def _name_core(line: int, word: int, k: int) -> str:
    """The k-th name a firm of that business line and distinctive word may take: the plain name,
    then two business lines ("Thương mại và Dịch vụ Nhật Lệ"), then another distinctive word,
    then both, and only then a number."""
    lines, words, extra = NAME_WORDS_1, NAME_WORDS_2, NAME_WORDS_EXTRA
    first = lines[line]
    if k == 0:
        return f"{first} {words[word]}"
    k -= 1
    if k < len(lines) - 1:
        return f"{first} và {lines[(line + 1 + k) % len(lines)]} {words[word]}"
    k -= len(lines) - 1
    if k < len(extra):
        return f"{first} {extra[(word + k) % len(extra)]}"
    k -= len(extra)
    if k < len(extra) * (len(lines) - 1):
        other, name = divmod(k, len(extra))
        return f"{first} và {lines[(line + 1 + other) % len(lines)]} {extra[(word + name) % len(extra)]}"
    k -= len(extra) * (len(lines) - 1)
    return f"{first} {words[word]} {k + 2}"


def distinct_names(forms: np.ndarray, lines: np.ndarray, words: np.ndarray) -> list[str]:
    """Enterprise names from drawn legal forms, business lines and distinctive words, each name
    told apart from every other once the legal form is set aside (a province registers no two
    enterprises under the same name, Luật Doanh nghiệp 2020, Điều 41): a repeated name takes the
    next of its variants (_name_core)."""
    used: set[str] = set()
    following: dict[tuple[int, int], int] = {}
    out = []
    for form, line, word in zip(forms, lines, words):
        k = following.get((line, word), 0)
        while (core := _name_core(int(line), int(word), k)).lower() in used:
            k += 1
        following[(line, word)] = k + 1
        used.add(core.lower())
        out.append(f"{NAME_FORMS[form]} {core}")
    return out

# Distinct enterprises supported per year (scale 1); 2026 runs to DATA_END.
SUPPORTED = {2019: 58, 2020: 62, 2021: 68, 2022: 76, 2023: 83, 2024: 92, 2025: 104, 2026: 103}
SUPPORT_DETAILS = {
    "management_system": ["ISO 9001", "ISO 14001", "ISO 22000", "HACCP", "ISO 45001", "ISO 50001"],
    "improvement_tool": ["5S", "Kaizen", "Lean", "Six Sigma", "TPM", "KPI/BSC", "QCC",
                         "7 công cụ thống kê (7 QC tools)", "Năng suất xanh"],
    "standard": ["Áp dụng tiêu chuẩn quốc gia (TCVN)", "Xây dựng tiêu chuẩn cơ sở"],
    "regulation": ["Công bố hợp quy"],
    "smart_tool": ["ERP", "Truy xuất nguồn gốc", "Sản xuất thông minh"],
    "other": ["Tư vấn cải tiến khác"],
}
SOLUTION_WEIGHTS = {"management_system": 0.35, "improvement_tool": 0.35, "standard": 0.1,
                    "regulation": 0.05, "smart_tool": 0.1, "other": 0.05}
FUNDING_SOURCES = ["Ngân sách tỉnh", "Ngân sách trung ương (Chương trình quốc gia)",
                   "Doanh nghiệp đối ứng", "Nguồn khác"]

# Certificates: first-time certificates per year (from 2016, so 2019 starts with a stock), renewal chance.
CERTIFICATES = {
    "ISO 9001": ({2016: 12, 2017: 13, 2018: 15, 2019: 10, 2020: 12, 2021: 14, 2022: 15, 2023: 17,
                      2024: 19, 2025: 21, 2026: 17}, 0.88),
    "ISO 14001": ({2016: 5, 2017: 5, 2018: 6, 2019: 4, 2020: 4, 2021: 4, 2022: 3, 2023: 3,
                       2024: 2, 2025: 2, 2026: 1}, 0.70),
    "ISO 22000": ({y: 3 for y in range(2016, 2027)}, 0.8),
    "HACCP": ({y: 4 for y in range(2016, 2027)}, 0.8),
    "ISO 45001": ({y: 1 for y in range(2019, 2027)}, 0.8),
    "ISO 50001": ({2021: 1, 2023: 1, 2025: 1}, 0.8),
    "VietGAP": ({y: 5 for y in range(2017, 2027)}, 0.6),
}
BODIES = {"QUACERT": "QC", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 1": "QT1",
          "Bureau Veritas Việt Nam": "BV", "TÜV Rheinland Việt Nam": "TUV", "SGS Việt Nam": "SGS",
          "Vinacontrol CE": "VCE"}

# Leader/manager seats of each in-depth course, by year of the course's end (phase 1: 186).
IN_DEPTH_SEATS = {2021: [18], 2022: [20, 22], 2023: [19, 21], 2024: [20, 22], 2025: [23, 21],
                  2026: [22, 23]}
IN_DEPTH_TOPICS = ["Quản trị năng suất và chất lượng cho lãnh đạo doanh nghiệp",
                   "Áp dụng Lean và Kaizen trong sản xuất", "Hệ thống quản lý ISO 9001:2015",
                   "Năng suất xanh và quản lý năng lượng", "Chuyển đổi số trong quản trị chất lượng"]
EXPERTS = {dt.date(2022, 6, 15): 2, dt.date(2023, 9, 20): 2, dt.date(2024, 11, 8): 1,
           dt.date(2025, 8, 22): 1, dt.date(2026, 6, 12): 1}
QT_EXPERTS = {dt.date(2022, 10, 4): 1, dt.date(2024, 5, 21): 1, dt.date(2025, 9, 30): 1}
PILOTS = [(dt.date(2021, 5, 10), dt.date(2022, 10, 5), "Lean"),
          (dt.date(2022, 3, 1), dt.date(2023, 6, 20), "5S và Kaizen"),
          (dt.date(2022, 4, 12), dt.date(2023, 11, 2), "ISO 22000"),
          (dt.date(2023, 2, 6), dt.date(2024, 9, 17), "Năng suất xanh"),
          (dt.date(2024, 3, 4), dt.date(2025, 7, 29), "TPM"),
          (dt.date(2025, 1, 15), dt.date(2026, 5, 26), "Truy xuất nguồn gốc"),
          (dt.date(2025, 9, 1), None, "ERP"),
          (dt.date(2026, 3, 2), None, "Six Sigma")]
CABS = [("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Quảng Bình", "ISO/IEC 17025",
         dt.date(2016, 5, 10), None, "450"),
        ("Phòng thử nghiệm Vật liệu xây dựng Đồng Hới", "ISO/IEC 17025", dt.date(2018, 8, 1),
         dt.date(2023, 7, 31), "450"),
        ("Trung tâm Quan trắc Tài nguyên và Môi trường", "ISO/IEC 17025", dt.date(2021, 11, 12), None, "450"),
        ("Công ty Giám định Hàng hóa Miền Trung - Chi nhánh Quảng Bình", "ISO/IEC 17020",
         dt.date(2023, 4, 3), None, "455"),
        ("Phòng thử nghiệm Thủy sản Sông Gianh", "ISO/IEC 17025", dt.date(2025, 10, 6), None, "458")]


def _pick(rng: np.random.Generator, weights: dict, n: int) -> np.ndarray:
    keys = np.array(list(weights))
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _days(rng: np.random.Generator, start: dt.date, end: dt.date, n: int) -> np.ndarray:
    """n random dates in [start, end] as numpy datetime64[D]."""
    offsets = rng.integers(0, (end - start).days + 1, size=n)
    return np.datetime64(start, "D") + offsets


def _scaled(x: float, scale: float) -> int:
    return int(round(x * scale))


def tax_codes(rng: np.random.Generator, n: int, prefix: str = TAX_PREFIX) -> np.ndarray:
    """n distinct 10-digit tax codes with valid check digits (stdnum.vn.mst rules)."""
    body_digits = 9 - len(prefix)
    pool = rng.choice(10 ** body_digits, size=min(10 ** body_digits, int(n * 1.2) + 20), replace=False)
    full = int(prefix) * 10 ** body_digits + pool.astype(np.int64)
    digits = (full[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    total = digits @ np.array([31, 29, 23, 19, 17, 13, 7, 5, 3])
    ok = total % 11 != 0  # the check digit would be 10: no valid code
    codes = (full[ok] * 10 + (10 - total[ok] % 11)).astype(np.int64)
    if len(codes) < n:
        raise ValueError("not enough tax codes for this scale")
    return np.char.zfill(codes[:n].astype(str), 10)


REFORM = dt.date(2025, 7, 1)  # districts abolished; addresses name communes from here on


def communes_by_district(districts: dict = DISTRICTS) -> dict[str, list[str]]:
    links = pd.read_csv(CATALOGUES_DIR / "place_links.csv", dtype=str)
    links = links[links["old_code"].isin(districts)]
    return {d: sorted(g["new_code"]) for d, g in links.groupby("old_code")}


def addresses(rng: np.random.Generator, districts: np.ndarray, founded: np.ndarray,
              region: dict = DISTRICTS) -> np.ndarray:
    """Firms founded after the reform, and a third of older ones that updated their
    registration, name a commune of their district; the others still name the district."""
    communes = communes_by_district(region)
    moved = (founded >= np.datetime64(REFORM)) | (rng.random(len(districts)) < 0.3)
    out = districts.astype(object).copy()
    for i in np.flatnonzero(moved):
        options = communes[districts[i]]
        out[i] = options[int(rng.integers(0, len(options)))]
    return out.astype(str)


def enterprises(rng: np.random.Generator, scale: float, districts: dict = DISTRICTS,
                prefix: str = TAX_PREFIX) -> pd.DataFrame:
    """The demo's enterprises: valid tax codes, sizes with employee counts that fit them, founding
    dates leaning towards recent years, sectors, ownership and a place (a commune for firms founded
    after the 2025 reform and for a third of older ones, otherwise their former district)."""
    n = _scaled(ENTERPRISES, scale)
    size = _pick(rng, SIZES, n)
    low = np.array([EMPLOYEES[s][0] for s in size])
    high = np.array([EMPLOYEES[s][1] for s in size])
    # Recent years found more firms: square-root spread of founding dates towards today.
    span = (DATA_END - dt.date(1995, 1, 1)).days
    founded = np.datetime64("1995-01-01") + (np.sqrt(rng.random(n)) * span).astype(int)
    names = distinct_names(rng.integers(0, len(NAME_FORMS), n), rng.integers(0, len(NAME_WORDS_1), n),
                           rng.integers(0, len(NAME_WORDS_2), n))
    tax = tax_codes(rng, n, prefix)
    sectors = _pick(rng, SECTORS, n)
    places = addresses(rng, _pick(rng, districts, n), founded, districts)
    return pd.DataFrame({
        "tax_code": tax,
        "name": names,
        "sector_code": sectors,
        "place_code": places,
        "size": size,
        "ownership": _pick(rng, OWNERSHIP, n),
        "founded_on": founded,
        "employees": rng.integers(low, high + 1),
    })


def _eligible(firms: pd.DataFrame, before: dt.date) -> np.ndarray:
    return np.flatnonzero(firms["founded_on"].to_numpy() < np.datetime64(before, "D"))


def support_records(rng: np.random.Generator, firms: pd.DataFrame, scale: float,
                    intensity: float = 1.0) -> pd.DataFrame:
    """Support records per year, from the yearly counts of SUPPORTED (times `intensity`), to
    enterprises founded by then; a quarter of them supported twice in a year, so records and
    distinct enterprises differ as in real data."""
    parts = []
    for year, count in SUPPORTED.items():
        end = min(dt.date(year, 12, 31), DATA_END)
        pool = _eligible(firms, dt.date(year, 1, 1))
        chosen = rng.choice(pool, size=min(len(pool), _scaled(count * intensity, scale)), replace=False)
        # A quarter of them get a second support in the same year: still one enterprise.
        twice = chosen[rng.random(len(chosen)) < 0.25]
        idx = np.concatenate([chosen, twice])
        parts.append(pd.DataFrame({"firm": idx, "supported_on": _days(rng, dt.date(year, 1, 1), end, len(idx))}))
    out = pd.concat(parts, ignore_index=True).sort_values(["supported_on", "firm"], kind="stable")
    n = len(out)
    kind = _pick(rng, SOLUTION_WEIGHTS, n)
    detail = [SUPPORT_DETAILS[k][i % len(SUPPORT_DETAILS[k])] for k, i in zip(kind, rng.integers(0, 100, n))]
    return pd.DataFrame({
        "id": [f"HT-{i:07d}" for i in range(1, n + 1)],
        "tax_code": firms["tax_code"].to_numpy()[out["firm"].to_numpy()],
        "supported_on": out["supported_on"].to_numpy(),
        "solution_type": kind,
        "detail": detail,
        "funding_vnd": rng.integers(20, 151, n) * 1_000_000,
        "funding_source": np.array(FUNDING_SOURCES)[rng.choice(4, n, p=[0.5, 0.3, 0.15, 0.05])],
    })


def certificates(rng: np.random.Generator, firms: pd.DataFrame, scale: float, intensity: float = 1.0) -> pd.DataFrame:
    """Certificate chains, vectorised: valid three years, renewed at expiry with the standard's
    chance, a few withdrawn; links after DATA_END are dropped."""
    body_names = np.array(list(BODIES))
    eligible = _eligible(firms, dt.date(2016, 1, 1))
    end = np.datetime64(DATA_END, "D")
    parts = []
    for standard, (new_per_year, renew) in CERTIFICATES.items():
        for year, count in new_per_year.items():
            k = _scaled(count * intensity, scale)
            if not k:
                continue
            holder = rng.choice(eligible, size=k, replace=True)
            body = body_names[rng.integers(0, len(body_names), k)]
            issued = _days(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), DATA_END), k)
            alive = np.ones(k, dtype=bool)
            for _ in range(5):  # at most five links from 2016 to 2026
                alive &= issued <= end
                withdrawn_after = rng.integers(60, 900, k).astype("timedelta64[D]")
                withdrawn = np.where(rng.random(k) < 0.03, issued + withdrawn_after, NOT_A_DAY)
                withdrawn = np.where(withdrawn <= end, withdrawn, NOT_A_DAY)
                parts.append(pd.DataFrame({"body": body[alive], "firm": holder[alive], "standard": standard,
                                           "issued_on": issued[alive], "expires_on": (issued + THREE_YEARS)[alive],
                                           "withdrawn_on": withdrawn[alive]}))
                alive &= np.isnat(withdrawn) & (rng.random(k) <= renew)
                issued = issued + THREE_YEARS + ONE_DAY
    df = pd.concat(parts, ignore_index=True).sort_values(["issued_on", "standard", "firm"], kind="stable")
    df = df.reset_index(drop=True)
    prefix = df["body"].map(BODIES).to_numpy()
    years = df["issued_on"].dt.year.to_numpy()
    return pd.DataFrame({
        "certificate_no": [f"{p}-{y}-{i:07d}" for i, (p, y) in enumerate(zip(prefix, years), 1)],
        "body": df["body"],
        "tax_code": firms["tax_code"].to_numpy()[df["firm"].to_numpy()],
        "standard": df["standard"],
        "issued_on": df["issued_on"],
        "expires_on": df["expires_on"],
        "withdrawn_on": df["withdrawn_on"],
    })


def _courses(scale: float, intensity: float, districts: dict = DISTRICTS, in_depth: dict | None = None) -> pd.DataFrame:
    """The course calendar: in-depth courses with their exact leader/manager seats, awareness
    courses in every district, expert programmes (all in the first district: the provincial town)."""
    rows = []
    places = list(districts)
    town = places[0]
    for year, course_seats in (in_depth or IN_DEPTH_SEATS).items():
        for j, managers in enumerate(course_seats):
            for _ in range(max(1, _scaled(1, scale))):
                end = dt.date(year, 4 + 4 * j, 10 + j)
                if end <= DATA_END:
                    rows.append(("in_depth", IN_DEPTH_TOPICS[(year + j) % len(IN_DEPTH_TOPICS)], end, 5, town,
                                 managers))
    for year in range(2019, 2027):
        for j in range(max(1, _scaled(4 * intensity, scale))):
            end = dt.date(year, 3 + 2 * (j % 4), 20)
            if end <= DATA_END:
                rows.append(("awareness", "Tập huấn nhận thức về năng suất chất lượng", end, 1,
                             places[j % len(places)], 0))
    for year in (2022, 2024, 2026):
        rows.append(("expert", "Đào tạo chuyên gia năng suất chất lượng", dt.date(year, 5, 30), 20, town, 0))
    frame = pd.DataFrame(rows, columns=["kind", "title", "end_date", "days", "place_code", "managers"])
    frame["id"] = [f"KH-{d.year}-{i:06d}" for i, d in enumerate(frame["end_date"], 1)]
    frame["start_date"] = [e - dt.timedelta(days=int(n) - 1) for e, n in zip(frame["end_date"], frame["days"])]
    # Courses that end after the reform are held in a commune of their district.
    communes = communes_by_district(districts)
    frame["place_code"] = [communes[p][i % len(communes[p])] if e >= REFORM else p
                           for i, (p, e) in enumerate(zip(frame["place_code"], frame["end_date"]))]
    frame["topic"], frame["organiser"] = frame["title"], "Sở Khoa học và Công nghệ"
    return frame


def courses_and_participants(rng: np.random.Generator, firms: pd.DataFrame, scale: float,
                             intensity: float = 1.0, districts: dict = DISTRICTS,
                             in_depth: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Participants. In-depth courses get exactly their leader/manager seats, about one in eight
    of them people who attended an earlier in-depth course (so a person can count twice); staff,
    officials and awareness participants are new people (generated in one vectorised pass)."""
    courses = _courses(scale, intensity, districts, in_depth)
    parts, managers_pool = [], np.array([], dtype=np.int64)
    next_id = 0
    for course in courses[courses["kind"] == "in_depth"].itertuples(index=False):
        seats = int(course.managers)
        reused = min(len(managers_pool), int(rng.binomial(seats, 0.12)))
        old = rng.choice(managers_pool, reused, replace=False) if reused else np.array([], dtype=np.int64)
        new = np.arange(next_id, next_id + seats - reused)
        next_id += seats - reused
        managers_pool = np.concatenate([managers_pool, new])
        extra = int(rng.integers(3, 7))
        people = np.concatenate([old, new, np.arange(next_id, next_id + extra)])
        next_id += extra
        roles = np.concatenate([np.where(np.arange(seats) % 3 == 0, "leader", "manager"), np.full(extra, "staff")])
        parts.append(pd.DataFrame({"course_id": course.id, "person": people, "role": roles}))
    others = courses[courses["kind"] != "in_depth"]
    sizes = np.where(others["kind"] == "awareness", rng.integers(30, 60, len(others)), rng.integers(4, 8, len(others)))
    total = int(sizes.sum())
    kinds = np.repeat(others["kind"].to_numpy(), sizes)
    roles = np.where(kinds == "awareness", np.array(["staff", "official", "manager"])[rng.integers(0, 3, total)],
                     "official")
    parts.append(pd.DataFrame({"course_id": np.repeat(others["id"].to_numpy(), sizes),
                               "person": np.arange(next_id, next_id + total), "role": roles}))
    next_id += total
    seats = pd.concat(parts, ignore_index=True)
    person_firm = rng.integers(0, len(firms), next_id)  # one enterprise per person, whatever the course
    seats["tax_code"] = firms["tax_code"].to_numpy()[person_firm[seats["person"].to_numpy()]]
    course_frame = courses[["id", "kind", "title", "topic", "organiser", "start_date", "end_date", "place_code"]]
    return course_frame, seats


PARTICIPANTS_SQL = """
SELECT course_id,
       printf('NV%08d', person + 1) AS person_id,
       ['Nguyễn','Trần','Lê','Phạm','Hoàng','Võ','Đặng','Bùi','Đỗ','Hồ'][person % 10 + 1] || ' ' ||
       ['Văn','Thị','Đức','Minh','Thanh','Hữu','Ngọc','Quang'][(person // 10) % 8 + 1] || ' ' ||
       ['An','Bình','Cường','Dung','Hà','Hải','Hòa','Hùng','Lan','Long','Mai','Nam','Phương','Quân','Sơn',
        'Thảo','Trung','Tuấn','Vân','Yến'][(person // 80) % 20 + 1] AS person_name,
       tax_code,
       role
FROM demo_frame
"""


def experts(scale: float, days: dict = EXPERTS, seats: tuple[str, str] = ("450", "18880"),
            prefix: str = "") -> pd.DataFrame:
    """Certified experts per certification day of `days`, one certificate each (no renewals),
    working at the provincial quality office: seats = its place before 1/7/2025 and from then on."""
    rows = []
    for day, count in days.items():
        for _ in range(_scaled(count, scale)):
            i = len(rows) + 1
            place = seats[0] if day < REFORM else seats[1]
            rows.append((f"{prefix}CG-{day.year}-{i:04d}", f"{prefix}CG{i:05d}", f"Chuyên gia {prefix}{i:03d}",
                         "Chi cục Tiêu chuẩn Đo lường Chất lượng", day, "national", place))
    return pd.DataFrame(rows, columns=["certificate_no", "person_id", "person_name", "organisation",
                                       "certified_on", "level", "place_code"])


def pilots(rng: np.random.Generator, firms: pd.DataFrame, scale: float, models: list = PILOTS) -> pd.DataFrame:
    """Pilot models of PILOTS (repeated per province of scale) at enterprises founded before 2018;
    recognised ones replicated to 2-15 others."""
    rows = []
    pool = _eligible(firms, dt.date(2018, 1, 1))
    for _ in range(max(1, _scaled(1, scale))):
        for started, recognised, solution in models:
            firm = firms["tax_code"].iat[int(rng.choice(pool))]
            replicated = int(rng.integers(2, 16)) if recognised else 0
            rows.append((f"MD-{len(rows) + 1:05d}", firm, solution, started, recognised, replicated))
    return pd.DataFrame(rows, columns=["id", "tax_code", "solution", "started_on", "recognised_on",
                                       "replicated_to"])


def cabs(bodies: list = CABS) -> pd.DataFrame:
    return pd.DataFrame(
        [(f"TC-{i:03d}", *row) for i, row in enumerate(bodies, 1)],
        columns=["id", "name", "accreditation_standard", "accredited_on", "accreditation_expires_on",
                 "place_code"])


# A national programme is busier per enterprise than one province's first years: per-table
# multipliers that, at scale 222 (about 1,000,000 enterprises), give about 2,000,000 support
# records, 500,000 certificates and 5,000,000 course participants.
NATIONAL_SCALE = 222.0
NATIONAL_INTENSITY = {"support": 11.5, "certificates": 3.6, "courses": 16.0}


def generate(scale: float = 1.0, seed: int = SEED, intensity: dict[str, float] | None = None
             ) -> dict[str, pd.DataFrame]:
    """Every demo table as data frames, deterministic for a scale and seed; at national scale the
    volumes of courses, support and certificates follow NATIONAL_INTENSITY unless given."""
    intensity = intensity if intensity is not None else (NATIONAL_INTENSITY if scale >= 100 else {})
    rng = np.random.default_rng(seed)
    firms = enterprises(rng, scale)
    course_df, seat_df = courses_and_participants(rng, firms, scale, intensity.get("courses", 1.0))
    tables = {
        "enterprises": firms,
        "support_records": support_records(rng, firms, scale, intensity.get("support", 1.0)),
        "certificates": certificates(rng, firms, scale, intensity.get("certificates", 1.0)),
        "courses": course_df,
        "participants": seat_df,
        "experts": experts(scale),
        "pilot_models": pilots(rng, firms, scale),
        "cabs": cabs(),
    }
    others = former_quang_tri(scale * QT_SHARE, seed + QT_SEED_OFFSET, intensity)
    return {name: pd.concat([frame, others[name]], ignore_index=True) if name in others else frame
            for name, frame in tables.items()}


def former_quang_tri(scale: float, seed: int, intensity: dict[str, float]) -> dict[str, pd.DataFrame]:
    """Former Quảng Trị's demo data, from its own generator: its districts before the reform and its new
    communes after, tax codes of 32, its own courses, pilot models and bodies; every id starts with QT-
    and every person number is its own, so nothing collides with former Quảng Bình's."""
    rng = np.random.default_rng(seed)
    firms = enterprises(rng, scale, QT_DISTRICTS, QT_TAX_PREFIX)
    course_df, seat_df = courses_and_participants(rng, firms, scale, intensity.get("courses", 1.0), QT_DISTRICTS,
                                                  QT_IN_DEPTH_SEATS)
    support = support_records(rng, firms, scale, intensity.get("support", 1.0))
    certs = certificates(rng, firms, scale, intensity.get("certificates", 1.0))
    models = pilots(rng, firms, 1.0, QT_PILOTS)
    bodies = cabs(QT_CABS)
    course_df = course_df.assign(id="QT-" + course_df["id"])
    seat_df = seat_df.assign(course_id="QT-" + seat_df["course_id"], person=seat_df["person"] + QT_PERSONS)
    return {
        "enterprises": firms,
        "support_records": support.assign(id="QT-" + support["id"]),
        "certificates": certs.assign(certificate_no="QT-" + certs["certificate_no"]),
        "courses": course_df,
        "participants": seat_df,
        "pilot_models": models.assign(id="QT-" + models["id"]),
        "cabs": bodies.assign(id="QT-" + bodies["id"]),
        # former Quảng Trị's office in Đông Hà: the city until 30/6/2025, phường Đông Hà from 1/7/2025
        "experts": experts(1.0, QT_EXPERTS, ("461", "19333"), "QT-"),
    }


QT_PERSONS = 50_000_000  # former Quảng Trị's person numbers start here (NV50000001, ...)


def load(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame], scale: float, seed: int) -> None:
    """Replace the data tables with the generated ones in one transaction."""
    with transaction(con):
        for table, frame in tables.items():
            con.register("demo_frame", frame)
            # Table names are this module's own constants, never user input.
            con.execute("DELETE FROM " + ident(table))
            source = PARTICIPANTS_SQL if table == "participants" else "SELECT * FROM demo_frame"
            con.execute("INSERT INTO " + ident(table) + " BY NAME " + source)
            con.unregister("demo_frame")
        set_meta(con, "demo_data", "true")
        set_meta(con, "demo_scale", str(scale))
        set_meta(con, "demo_seed", str(seed))
        set_meta(con, "data_through", DATA_END.isoformat())
        analytics.refresh(con)


def build(con: duckdb.DuckDBPyConnection, scale: float = 1.0, seed: int = SEED) -> dict[str, int]:
    tables = generate(scale, seed)
    load(con, tables, scale, seed)
    return {name: len(frame) for name, frame in tables.items()}
