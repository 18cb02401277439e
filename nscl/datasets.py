"""What each importable dataset looks like: columns, types, keys, rules. Titles, headers, notes and
example texts are in the translation table (nscl/texts/datasets.toml), keyed by dataset and column."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from . import codes
from .i18n import DEFAULT_LANG, has, t

INTEGER_MAX, BIGINT_MAX = 2**31 - 1, 2**63 - 1
EXAMPLE_PREFIX = "VD-"  # example codes of the templates start with it ("ví dụ"), so no real record has them


@dataclass(frozen=True)
class Column:
    name: str                 # database column
    kind: str = "text"        # text, code, date, int, money, tax_code, enum
    required: bool = False
    choices: str | None = None  # enum catalogue: sector, place, standard, accreditation or a code list of codes.csv
    aliases: tuple[str, ...] = ()  # other headers staff write, folded (no diacritics, lower case)
    example: str = ""         # example value: a code for a code list; when it is text to translate, the table has it
    min_date: dt.date = dt.date(2000, 1, 1)
    future_ok: bool = False   # expiry dates may lie ahead
    max_length: int = 500
    key: str = ""             # stem of its texts: head_<key>, note_<key>, example_<key> (default <dataset>_<name>)
    unknown_as: str | None = None  # enum: a value outside the list is kept as this code, with a warning
    default: int | None = None     # the value an empty cell stands for, where the table holds no NULL

    @property
    def max_value(self) -> int:
        """The largest whole number the column's table type holds (int: INTEGER, money: BIGINT)."""
        return BIGINT_MAX if self.kind == "money" else INTEGER_MAX

    def header(self, lang: str = DEFAULT_LANG) -> str:
        """The column's header in the template of that language (files may use either)."""
        return t(f"head_{self.key}", lang)

    @property
    def vi(self) -> str:
        return self.header("vi")

    @property
    def en(self) -> str:
        return self.header("en")

    def note(self, lang: str = DEFAULT_LANG) -> str:
        return t(f"note_{self.key}", lang) if has(f"note_{self.key}") else ""

    def example_text(self, lang: str = DEFAULT_LANG) -> str:
        if has(f"example_{self.key}"):
            return t(f"example_{self.key}", lang)
        if self.kind == "enum" and self.example and self.choices in codes.dimensions():
            return codes.label(self.choices, self.example, lang) or self.example
        return self.example


@dataclass(frozen=True)
class Reference:
    column: str               # column of this dataset
    table: str                # table that must hold the value
    key: str                  # its key column
    dataset: str              # dataset name of that table (for messages and batches)


@dataclass(frozen=True)
class Order:
    first: str                # this date ...
    then: str                 # ... must not be after this one
    strict: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str
    table: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    references: tuple[Reference, ...] = ()
    orders: tuple[Order, ...] = ()
    place_date: str | None = None  # the record date a place must be valid on
    place_date_strict: bool = True  # False: the date only chooses between same-named places, and a
                                    # former district after the reform is a warning, not an error

    def __post_init__(self) -> None:
        keyed = tuple(c if c.key else replace(c, key=f"{self.name}_{c.name}") for c in self.columns)
        object.__setattr__(self, "columns", keyed)

    def title(self, lang: str = DEFAULT_LANG) -> str:
        return t(f"dataset_{self.name}", lang)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def history(self) -> str:
        """The table that keeps every row an upload replaced (for undo): the table's columns and
        `replaced_by`, the upload that replaced it (migration 0004)."""
        return self.table + "_history"


TAX = Column("tax_code", "tax_code", True, aliases=("mst", "ma so thue doanh nghiep", "ma so doanh nghiep", "tax id"),
             example="0000000017", key="tax_code")

DATASETS: dict[str, Dataset] = {d.name: d for d in (
    Dataset("enterprises", "enterprises", ("tax_code",), (
        TAX,
        Column("name", required=True, aliases=("ten", "ten dn", "doanh nghiep", "name")),
        Column("sector_code", "enum", True, "sector", aliases=("nganh", "ma nganh", "nganh vsic", "sector code"),
               example="C"),
        Column("place_code", "enum", True, "place",
               aliases=("huyen", "xa", "huyen xa", "dia chi", "ma dia ban", "place code"), example="450"),
        Column("size", "enum", True, "size", aliases=("quy mo doanh nghiep",), example="small"),
        Column("ownership", "enum", True, "ownership", aliases=("so huu", "loai hinh"), example="non_state"),
        Column("founded_on", "date", min_date=dt.date(1900, 1, 1), aliases=("ngay cap dkkd", "ngay dang ky"),
               example="15/03/2012"),
        Column("employees", "int", aliases=("lao dong", "so lao dong binh quan"), example="45"),
    ), place_date="founded_on", place_date_strict=False),
    Dataset("courses", "courses", ("id",), (
        Column("id", "code", True, aliases=("ma khoa hoc", "ma lop"), example="VD-KH-2024-001"),
        Column("kind", "enum", True, "kind", example="in_depth"),
        Column("title", required=True, aliases=("ten khoa hoc", "ten lop")),
        Column("topic", example="Lean"),
        Column("organiser"),
        Column("start_date", "date", True, example="06/05/2024"),
        Column("end_date", "date", True, example="10/05/2024"),
        Column("place_code", "enum", choices="place", example="450"),
    ), orders=(Order("start_date", "end_date"),), place_date="end_date"),
    Dataset("participants", "participants", ("course_id", "person_id"), (
        Column("course_id", "code", True, example="VD-KH-2024-001"),
        Column("person_id", "code", True, aliases=("ma nguoi hoc", "cccd"), example="VD-NV0001"),
        Column("person_name", required=True, aliases=("ho ten", "ten hoc vien")),
        Column("tax_code", "tax_code", aliases=("mst", "ma so thue"), example="0000000017"),
        Column("role", "enum", True, "role", aliases=("chuc vu", "chuc danh", "position"), example="manager",
               unknown_as="other"),
    ), references=(Reference("course_id", "courses", "id", "courses"),
                   Reference("tax_code", "enterprises", "tax_code", "enterprises"))),
    Dataset("experts", "experts", ("certificate_no",), (
        Column("certificate_no", "code", True, aliases=("so chung nhan",), example="VD-CG-2024-001"),
        Column("person_id", "code", True, example="VD-CG0001"),
        Column("person_name", required=True, aliases=("ho ten",)),
        Column("organisation", aliases=("co quan",)),
        Column("certified_on", "date", True, example="12/09/2025"),  # after 1/7/2025: a new commune
        Column("level"),
        Column("place_code", "enum", choices="place",
               aliases=("noi cong tac", "ma dia ban", "place code"), example="450"),
    ), place_date="certified_on"),
    Dataset("certificates", "certificates", ("body", "certificate_no"), (
        Column("certificate_no", "code", True, aliases=("so gcn", "so chung nhan"), example="VD-QC-2024-0001"),
        Column("body", "code", True, aliases=("to chuc cap",), example="QUACERT"),
        TAX,
        Column("standard", "enum", True, "standard", example="ISO 9001"),
        Column("issued_on", "date", True, example="20/03/2024"),
        Column("expires_on", "date", future_ok=True, example="19/03/2027"),
        Column("withdrawn_on", "date"),
    ), references=(Reference("tax_code", "enterprises", "tax_code", "enterprises"),),
        orders=(Order("issued_on", "expires_on", strict=True), Order("issued_on", "withdrawn_on"))),
    Dataset("support", "support_records", ("id",), (
        Column("id", "code", True, aliases=("ma ho so",), example="VD-HT-2024-001"),
        TAX,
        Column("supported_on", "date", True, aliases=("ngay",), example="15/04/2024"),
        Column("solution_type", "enum", True, "solution_type", example="management_system"),
        Column("detail", aliases=("giai phap",), example="ISO 9001"),
        Column("funding_vnd", "money", aliases=("kinh phi", "so tien")),
        Column("funding_source"),
    ), references=(Reference("tax_code", "enterprises", "tax_code", "enterprises"),)),
    Dataset("pilots", "pilot_models", ("id",), (
        Column("id", "code", True, example="VD-MD-2024-01"),
        TAX,
        Column("solution", required=True, example="Lean"),
        Column("started_on", "date", True, example="01/03/2023"),
        Column("recognised_on", "date"),
        Column("replicated_to", "int", example="5", default=0),
    ), references=(Reference("tax_code", "enterprises", "tax_code", "enterprises"),),
        orders=(Order("started_on", "recognised_on"),)),
    Dataset("cabs", "cabs", ("id",), (
        Column("id", "code", True, example="VD-TC-001"),
        Column("name", required=True),
        Column("accreditation_standard", "enum", True, "accreditation", example="ISO/IEC 17025"),
        Column("accredited_on", "date", True, example="10/05/2016"),
        Column("accreditation_expires_on", "date", future_ok=True),
        Column("place_code", "enum", choices="place", example="450"),
    ), orders=(Order("accredited_on", "accreditation_expires_on", strict=True),), place_date="accredited_on"),
)}

IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no", "no.", "#"}
