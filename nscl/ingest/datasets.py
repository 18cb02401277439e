"""What each importable dataset looks like: columns, Vietnamese headers, types, keys, rules."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str                 # database column
    vi: str                   # header in the Vietnamese template
    en: str                   # header in the English template
    kind: str = "text"        # text, date, int, money, tax_code, enum
    required: bool = False
    choices: str | None = None  # enum catalogue: sector, place, size, ownership, standard, ...
    aliases: tuple[str, ...] = ()
    note_vi: str = ""
    example: str = ""
    min_date: dt.date = dt.date(2000, 1, 1)
    future_ok: bool = False   # expiry dates may lie ahead
    max_length: int = 500


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
    title_vi: str
    title_en: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    references: tuple[Reference, ...] = ()
    orders: tuple[Order, ...] = ()
    place_date: str | None = None  # the record date a place must be valid on
    example_note: str = field(default="")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


TAX = Column("tax_code", "Mã số thuế", "Tax code", "tax_code", True,
             aliases=("mst", "ma so thue doanh nghiep", "ma so doanh nghiep", "tax id"),
             note_vi="10 chữ số, hoặc 13 chữ số cho chi nhánh (dạng 0123456789-001). Nhập dạng văn bản để "
                     "Excel không làm mất số 0 ở đầu.", example="3100123459")

DATASETS: dict[str, Dataset] = {d.name: d for d in (
    Dataset("enterprises", "enterprises", "Doanh nghiệp", "Enterprises", ("tax_code",), (
        TAX,
        Column("name", "Tên doanh nghiệp", "Enterprise name", required=True,
               aliases=("ten", "ten dn", "doanh nghiep", "name"), example="Công ty TNHH Thủy sản Nhật Lệ"),
        Column("sector_code", "Ngành kinh tế", "Sector", "enum", True, "sector",
               aliases=("nganh", "ma nganh", "nganh vsic", "sector code"),
               note_vi="Mã ngành cấp 1 VSIC 2018 (A..U) hoặc tên ngành.", example="C"),
        Column("place_code", "Địa bàn", "Place", "enum", True, "place",
               aliases=("huyen", "xa", "huyen xa", "dia chi", "ma dia ban", "place code"),
               note_vi="Mã hoặc tên huyện (trước 01/7/2025) hoặc xã, phường (từ 01/7/2025).", example="450"),
        Column("size", "Quy mô", "Size", "enum", True, "size", aliases=("quy mo doanh nghiep",),
               note_vi="siêu nhỏ, nhỏ, vừa, lớn (Nghị định 80/2021/NĐ-CP).", example="nhỏ"),
        Column("ownership", "Loại hình sở hữu", "Ownership", "enum", True, "ownership",
               aliases=("so huu", "loai hinh"), note_vi="Nhà nước, ngoài Nhà nước, có vốn đầu tư nước ngoài.",
               example="ngoài Nhà nước"),
        Column("founded_on", "Ngày thành lập", "Founded on", "date", min_date=dt.date(1900, 1, 1),
               aliases=("ngay cap dkkd", "ngay dang ky"), note_vi="dd/mm/yyyy.", example="15/03/2012"),
        Column("employees", "Số lao động", "Employees", "int", aliases=("lao dong", "so lao dong binh quan"),
               note_vi="Số nguyên không âm.", example="45"),
    )),
    Dataset("courses", "courses", "Khóa đào tạo", "Training courses", ("id",), (
        Column("id", "Mã khóa", "Course code", required=True, aliases=("ma khoa hoc", "ma lop"),
               note_vi="Mã duy nhất của khóa, do đơn vị tự đặt.", example="KH-2024-001"),
        Column("kind", "Loại khóa", "Kind", "enum", True, "kind",
               note_vi="đào tạo chuyên sâu, đào tạo chuyên gia, tập huấn nhận thức, khác.",
               example="đào tạo chuyên sâu"),
        Column("title", "Tên khóa", "Title", required=True, aliases=("ten khoa hoc", "ten lop"),
               example="Quản trị năng suất cho lãnh đạo doanh nghiệp"),
        Column("topic", "Chủ đề", "Topic", example="Lean"),
        Column("organiser", "Đơn vị tổ chức", "Organiser", example="Sở Khoa học và Công nghệ"),
        Column("start_date", "Ngày bắt đầu", "Start date", "date", True, example="06/05/2024"),
        Column("end_date", "Ngày kết thúc", "End date", "date", True, example="10/05/2024"),
        Column("place_code", "Địa bàn", "Place", "enum", choices="place",
               note_vi="Địa bàn tổ chức, còn hiệu lực vào ngày kết thúc khóa.", example="450"),
    ), orders=(Order("start_date", "end_date"),), place_date="end_date"),
    Dataset("participants", "participants", "Học viên", "Participants", ("course_id", "person_id"), (
        Column("course_id", "Mã khóa", "Course code", required=True, example="KH-2024-001"),
        Column("person_id", "Mã học viên", "Person code", required=True, aliases=("ma nguoi hoc", "cccd"),
               note_vi="Mã duy nhất của một người (ví dụ số định danh); một người học hai khóa dùng cùng mã.",
               example="NV0001"),
        Column("person_name", "Họ và tên", "Full name", required=True, aliases=("ho ten", "ten hoc vien"),
               example="Nguyễn Văn An"),
        Column("tax_code", "Mã số thuế doanh nghiệp", "Enterprise tax code", "tax_code",
               aliases=("mst", "ma so thue"), note_vi="Để trống nếu học viên không thuộc doanh nghiệp.",
               example="3100123459"),
        Column("role", "Vai trò", "Role", "enum", True, "role",
               note_vi="lãnh đạo, quản lý, nhân viên, cán bộ cơ quan nhà nước, khác.", example="quản lý"),
    ), references=(Reference("course_id", "courses", "id", "courses"),
                   Reference("tax_code", "enterprises", "tax_code", "enterprises"))),
    Dataset("experts", "experts", "Chuyên gia", "Experts", ("certificate_no",), (
        Column("certificate_no", "Số chứng chỉ", "Certificate number", required=True,
               aliases=("so chung nhan",), example="CG-2024-001"),
        Column("person_id", "Mã chuyên gia", "Person code", required=True, example="CG0001"),
        Column("person_name", "Họ và tên", "Full name", required=True, aliases=("ho ten",), example="Lê Thị Hoa"),
        Column("organisation", "Đơn vị công tác", "Organisation", aliases=("co quan",),
               example="Chi cục Tiêu chuẩn Đo lường Chất lượng"),
        Column("certified_on", "Ngày chứng nhận", "Certified on", "date", True, example="12/06/2024"),
        Column("level", "Cấp", "Level", example="quốc gia"),
    )),
    Dataset("certificates", "certificates", "Giấy chứng nhận", "Certificates", ("body", "certificate_no"), (
        Column("certificate_no", "Số giấy chứng nhận", "Certificate number", required=True,
               aliases=("so gcn", "so chung nhan"), example="QC-2024-0001"),
        Column("body", "Tổ chức chứng nhận", "Certification body", required=True, aliases=("to chuc cap",),
               example="QUACERT"),
        TAX,
        Column("standard", "Tiêu chuẩn", "Standard", "enum", True, "standard",
               note_vi="Ví dụ ISO 9001, ISO 14001, ISO 22000, HACCP, ISO 45001, ISO 50001.", example="ISO 9001"),
        Column("issued_on", "Ngày cấp", "Issued on", "date", True, example="20/03/2024"),
        Column("expires_on", "Ngày hết hạn", "Expires on", "date", future_ok=True, example="19/03/2027"),
        Column("withdrawn_on", "Ngày thu hồi", "Withdrawn on", "date", note_vi="Để trống nếu chưa bị thu hồi."),
    ), references=(Reference("tax_code", "enterprises", "tax_code", "enterprises"),),
        orders=(Order("issued_on", "expires_on", strict=True), Order("issued_on", "withdrawn_on"))),
    Dataset("support", "support_records", "Hỗ trợ doanh nghiệp", "Support records", ("id",), (
        Column("id", "Mã hồ sơ hỗ trợ", "Support record code", required=True, aliases=("ma ho so",),
               example="HT-2024-001"),
        TAX,
        Column("supported_on", "Ngày hỗ trợ", "Supported on", "date", True, aliases=("ngay",), example="15/04/2024"),
        Column("solution_type", "Loại giải pháp", "Solution type", "enum", True, "solution_type",
               note_vi="tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công cụ cải tiến năng suất chất lượng, "
                       "công cụ sản xuất, dịch vụ thông minh, khác.", example="hệ thống quản lý"),
        Column("detail", "Giải pháp cụ thể", "Solution", aliases=("giai phap",), example="ISO 9001"),
        Column("funding_vnd", "Kinh phí (đồng)", "Funding (VND)", "money", aliases=("kinh phi", "so tien"),
               note_vi="Số tiền bằng đồng, ví dụ 50.000.000.", example="50.000.000"),
        Column("funding_source", "Nguồn kinh phí", "Funding source", example="Ngân sách tỉnh"),
    ), references=(Reference("tax_code", "enterprises", "tax_code", "enterprises"),)),
    Dataset("pilots", "pilot_models", "Mô hình điểm", "Pilot models", ("id",), (
        Column("id", "Mã mô hình", "Model code", required=True, example="MD-2024-01"),
        TAX,
        Column("solution", "Giải pháp", "Solution", required=True, example="Lean"),
        Column("started_on", "Ngày bắt đầu", "Started on", "date", True, example="01/03/2023"),
        Column("recognised_on", "Ngày công nhận", "Recognised on", "date", note_vi="Để trống nếu chưa công nhận."),
        Column("replicated_to", "Số doanh nghiệp nhân rộng", "Replicated to", "int", example="5"),
    ), references=(Reference("tax_code", "enterprises", "tax_code", "enterprises"),),
        orders=(Order("started_on", "recognised_on"),)),
    Dataset("cabs", "cabs", "Tổ chức đánh giá sự phù hợp", "Conformity-assessment bodies", ("id",), (
        Column("id", "Mã tổ chức", "Body code", required=True, example="TC-001"),
        Column("name", "Tên tổ chức", "Name", required=True, example="Trung tâm Kỹ thuật TĐC Quảng Bình"),
        Column("accreditation_standard", "Chuẩn mực công nhận", "Accreditation standard", "enum", True,
               "accreditation", example="ISO/IEC 17025"),
        Column("accredited_on", "Ngày được công nhận", "Accredited on", "date", True, example="10/05/2016"),
        Column("accreditation_expires_on", "Ngày hết hạn công nhận", "Accreditation expires on", "date",
               future_ok=True),
        Column("place_code", "Địa bàn", "Place", "enum", choices="place", example="450"),
    ), orders=(Order("accredited_on", "accreditation_expires_on", strict=True),), place_date="accredited_on"),
)}

IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no", "no.", "#"}
