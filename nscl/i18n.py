"""User-facing words in Vietnamese (default) and English, and number/date formats."""
from __future__ import annotations

import datetime as dt
import math

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Theo dõi Chương trình năng suất chất lượng", "Productivity and quality programme monitor"),
    "overview": ("Tổng quan", "Overview"),
    "phase": ("Giai đoạn", "Phase"),
    "as_of": ("Tính đến ngày", "As of"),
    "language": ("Ngôn ngữ", "Language"),
    "plan": ("Kế hoạch", "Plan"),
    "target": ("Chỉ tiêu", "Target"),
    "actual": ("Kết quả thực hiện", "Actual result"),
    "completion": ("Tỷ lệ hoàn thành", "Completion rate"),
    "growth_vs_required": ("Tốc độ tăng so với yêu cầu", "Growth against the required rate"),
    "forecast": ("Dự báo cuối giai đoạn", "Forecast at the end of the phase"),
    "forecast_programme": ("Dự báo cuối chương trình", "Forecast at the end of the programme"),
    "demo_banner": (
        "Dữ liệu minh họa: các số liệu dưới đây do máy tạo ra để trình diễn, không phải số liệu thực của tỉnh.",
        "Illustrative (demo) data: the figures below are machine-generated for demonstration, not the province's real data.",
    ),
    "plan_error": ("Lỗi cấu hình kế hoạch: {detail}", "Plan configuration error: {detail}"),
    "database_error": ("Không mở được cơ sở dữ liệu: có thể một chương trình khác đang dùng tệp này. ({detail})",
                       "Cannot open the database: another program may hold the file. ({detail})"),
    "unexpected_error": (
        "Trang này gặp lỗi khi tính toán. Dữ liệu không bị thay đổi. Vui lòng thử lại hoặc báo cho quản trị viên "
        "(chi tiết đã được ghi vào nhật ký máy chủ).",
        "This page failed while computing. No data was changed. Please try again or tell the administrator "
        "(details are in the server log).",
    ),
    "no_data": ("Không có dữ liệu cho lựa chọn này", "No data for this selection"),
    "empty_database": (
        "Cơ sở dữ liệu chưa có số liệu. Chạy `make run` để tạo dữ liệu minh họa hoặc cập nhật dữ liệu thực.",
        "The database holds no records yet. Run `make run` to build demo data, or upload real data.",
    ),
    "status_summary": ("Tình trạng các chỉ tiêu", "Status of the targets"),
    "why": ("Vì sao", "Why"),
    "definition": ("Định nghĩa", "Definition"),
    "plan_sentence": ("Trích kế hoạch", "From the plan"),
    "per_year": ("/năm", "/year"),
    "year": ("Năm", "Year"),
    "cumulative": ("Lũy kế", "Cumulative"),
    "in_year": ("Trong năm", "In the year"),
    "growth": ("Tăng trưởng so với năm trước", "Growth on the previous year"),
    "target_line": ("Chỉ tiêu", "Target"),
    "band_floor": ("Mức tăng tối thiểu", "Minimum growth"),
    "met": ("Đạt mức tăng", "Growth met"),
    "not_met": ("Chưa đạt mức tăng", "Growth not met"),
    "base_year_bar": ("Năm gốc / chưa so sánh được", "Base year / no comparison"),
    "valid_at_year_end": ("Giấy chứng nhận còn hiệu lực tại 31/12", "Valid certificates at year end"),
    "issued_in_year": ("Giấy chứng nhận cấp mới trong năm", "Certificates issued in the year"),
    "primary_measure": ("Chỉ số dùng để đánh giá", "Measure used for the assessment"),
    "other_measure": ("Chỉ số hiển thị kèm", "Measure shown beside it"),
    "to_date": ("đến {date}", "to {date}"),
    "no_number": ("Không có chỉ tiêu số", "No numeric target"),
    "target_count": ("{qualifier} {value} {unit} ({period})", "{qualifier} {value} {unit} ({period})"),
    "target_growth": ("tăng ≥ {rate}/năm", "growth ≥ {rate} per year"),
    "target_band": ("tăng {low}–{high}/năm", "growth {low}–{high} per year"),
    "trend_title_count": ("Theo năm và lũy kế, {period}, {place}", "Per year and cumulative, {period}, {place}"),
    "trend_title_growth": ("Theo năm, {first}–{last}, {place}", "Per year, {first}–{last}, {place}"),
    # Pages
    "training": ("Đào tạo", "Training"),
    "certification": ("Chứng nhận", "Certification"),
    "supported_page": ("Hỗ trợ doanh nghiệp", "Supported enterprises"),
    "pilots_page": ("Mô hình điểm", "Pilot models"),
    "cab_page": ("Đánh giá sự phù hợp", "Conformity assessment"),
    "catalogue_page": ("Chỉ tiêu", "Indicators"),
    "details": ("Xem chi tiết", "Details"),
    # Filters
    "filters": ("Bộ lọc", "Filters"),
    "period": ("Kỳ xem", "Period"),
    "custom_years": ("Tùy chọn năm", "Custom years"),
    "years": ("Các năm", "Years"),
    "geography": ("Địa bàn theo", "Places by"),
    "geo_district": ("Huyện cũ (trước 01/7/2025)", "Former districts (before 1/7/2025)"),
    "geo_current": ("Xã, phường hiện nay", "Current communes"),
    "sector": ("Ngành kinh tế", "Sector"),
    "place": ("Địa bàn", "Place"),
    "size": ("Quy mô doanh nghiệp", "Enterprise size"),
    "ownership": ("Loại hình sở hữu", "Ownership"),
    "all": ("Tất cả", "All"),
    "not_applying": ("Không áp dụng cho trang này: {names}.", "Not applying to this page: {names}."),
    "filters_active": ("Đang lọc: {names}.", "Filtered by: {names}."),
    "former_district_label": ("{name} (huyện cũ)", "{name} (former district)"),
    "unknown": ("Chưa rõ", "Unknown"),
    "status_phase_note": (
        "Tình trạng được đánh giá theo giai đoạn {phase}, chứa năm cuối của kỳ xem.",
        "Statuses are judged on phase {phase}, which holds the last year viewed.",
    ),
    # Data and downloads
    "view_data": ("Xem dữ liệu", "View data"),
    "download_csv": ("Tải xuống CSV", "Download CSV"),
    "download_xlsx": ("Tải xuống Excel", "Download Excel"),
    "drill_hint": ("Chọn một cột trên biểu đồ để xem danh sách chi tiết.", "Select a bar on the chart to list the records behind it."),
    "drill_title": ("Danh sách chi tiết: {what}", "Records behind: {what}"),
    "drill_all": ("tất cả", "all"),
    "rows_shown": ("{shown} / {total} dòng", "{shown} of {total} rows"),
    # Dimensions and values
    "dim_sector": ("Theo ngành kinh tế", "By sector"),
    "dim_place": ("Theo địa bàn", "By place"),
    "dim_size": ("Theo quy mô", "By size"),
    "dim_ownership": ("Theo loại hình sở hữu", "By ownership"),
    "dim_solution_type": ("Theo loại giải pháp", "By solution type"),
    "dim_detail": ("Theo giải pháp cụ thể", "By solution"),
    "dim_kind": ("Theo loại khóa học", "By course kind"),
    "dim_role": ("Theo vai trò", "By role"),
    "dim_standard": ("Theo tiêu chuẩn", "By standard"),
    "breakdown": ("Phân tích", "Breakdown"),
    "size_micro": ("Siêu nhỏ", "Micro"),
    "size_small": ("Nhỏ", "Small"),
    "size_medium": ("Vừa", "Medium"),
    "size_large": ("Lớn", "Large"),
    "own_state": ("Nhà nước", "State"),
    "own_non_state": ("Ngoài Nhà nước", "Non-state"),
    "own_fdi": ("Có vốn đầu tư nước ngoài", "Foreign-invested"),
    "sol_standard": ("Tiêu chuẩn", "Standards"),
    "sol_regulation": ("Quy chuẩn kỹ thuật", "Technical regulations"),
    "sol_management_system": ("Hệ thống quản lý", "Management systems"),
    "sol_improvement_tool": ("Công cụ cải tiến năng suất chất lượng", "Improvement tools"),
    "sol_smart_tool": ("Công cụ sản xuất, dịch vụ thông minh", "Smart production tools"),
    "sol_other": ("Khác", "Other"),
    "kind_in_depth": ("Đào tạo chuyên sâu", "In-depth"),
    "kind_expert": ("Đào tạo chuyên gia", "Expert programme"),
    "kind_awareness": ("Tập huấn nhận thức", "Awareness"),
    "kind_other": ("Khác", "Other"),
    "role_leader": ("Lãnh đạo", "Leader"),
    "role_manager": ("Quản lý", "Manager"),
    "role_staff": ("Nhân viên", "Staff"),
    "role_official": ("Cán bộ cơ quan nhà nước", "Public official"),
    "role_other": ("Khác", "Other"),
    # Columns of tables
    "col_year": ("Năm", "Year"),
    "col_phase": ("Giai đoạn", "Phase"),
    "col_key": ("Mã", "Code"),
    "col_label": ("Tên", "Name"),
    "col_enterprises": ("Số doanh nghiệp", "Enterprises"),
    "col_records": ("Số lượt hỗ trợ", "Support records"),
    "col_funding": ("Kinh phí (đồng)", "Funding (VND)"),
    "col_source": ("Nguồn kinh phí", "Funding source"),
    "col_tax_code": ("Mã số thuế", "Tax code"),
    "col_enterprise": ("Doanh nghiệp", "Enterprise"),
    "col_date": ("Ngày", "Date"),
    "col_solution_type": ("Loại giải pháp", "Solution type"),
    "col_detail": ("Giải pháp", "Solution"),
    "col_standard": ("Tiêu chuẩn", "Standard"),
    "col_certificate_no": ("Số giấy chứng nhận", "Certificate number"),
    "col_body": ("Tổ chức chứng nhận", "Certification body"),
    "col_issued_on": ("Ngày cấp", "Issued on"),
    "col_expires_on": ("Ngày hết hạn", "Expires on"),
    "col_withdrawn_on": ("Ngày thu hồi", "Withdrawn on"),
    "col_valid": ("Còn hiệu lực", "Valid"),
    "col_issued": ("Cấp mới", "Issued"),
    "col_growth": ("Tăng so với năm trước", "Growth on previous year"),
    "col_course": ("Khóa học", "Course"),
    "col_kind": ("Loại khóa", "Kind"),
    "col_role": ("Vai trò", "Role"),
    "col_person_times": ("Lượt người", "Person-times"),
    "col_persons": ("Số người", "Persons"),
    "col_courses": ("Số khóa", "Courses"),
    "col_start": ("Ngày bắt đầu", "Start"),
    "col_end": ("Ngày kết thúc", "End"),
    "col_organiser": ("Đơn vị tổ chức", "Organiser"),
    "col_managers": ("Lượt lãnh đạo, quản lý", "Leader/manager person-times"),
    "col_participants": ("Lượt học viên", "Participant person-times"),
    "col_solution": ("Giải pháp", "Solution"),
    "col_started_on": ("Ngày bắt đầu", "Started on"),
    "col_recognised_on": ("Ngày công nhận", "Recognised on"),
    "col_replicated_to": ("Nhân rộng cho (doanh nghiệp)", "Replicated to (enterprises)"),
    "col_body_name": ("Tổ chức đánh giá sự phù hợp", "Conformity-assessment body"),
    "col_accreditation": ("Chuẩn mực công nhận", "Accreditation standard"),
    "col_accredited_on": ("Ngày được công nhận", "Accredited on"),
    "col_bodies": ("Số tổ chức", "Bodies"),
    "col_value": ("Giá trị", "Value"),
    "col_cumulative": ("Lũy kế", "Cumulative"),
    "col_target": ("Chỉ tiêu", "Target"),
    "col_status": ("Tình trạng", "Status"),
    "col_sector": ("Ngành", "Sector"),
    "col_place": ("Địa bàn", "Place"),
    "col_size": ("Quy mô", "Size"),
    "col_ownership": ("Sở hữu", "Ownership"),
    "col_days_left": ("Còn (ngày)", "Days left"),
    "per_year_cumulative": ("theo năm và lũy kế", "per year and cumulative"),
    "upload_page": ("Cập nhật dữ liệu", "Upload data"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "sign_in_needed": ("Trang này dành cho cán bộ được cấp tài khoản.", "This page is for staff with an account."),
    "signed_in_as": ("Đang đăng nhập: {name}", "Signed in as {name}"),
    "username": ("Tên đăng nhập", "Username"),
    "password": ("Mật khẩu", "Password"),
    "dataset": ("Loại dữ liệu", "Dataset"),
    "template": ("Mẫu nhập liệu", "Template"),
    "template_csv": ("Tải mẫu CSV", "Download CSV template"),
    "template_xlsx": ("Tải mẫu Excel", "Download Excel template"),
    "choose_file": ("Chọn tệp CSV hoặc Excel", "Choose a CSV or Excel file"),
    "sheet": ("Trang tính", "Worksheet"),
    "checking": ("Đang đọc và kiểm tra tệp…", "Reading and checking the file…"),
    "checked": ("Đã kiểm tra {rows} dòng.", "Checked {rows} rows."),
    "preview": ("Xem trước", "Preview"),
    "rows_read": ("Dòng đọc được", "Rows read"),
    "rows_new": ("Dòng mới", "New rows"),
    "rows_changed": ("Dòng thay đổi", "Changed rows"),
    "rows_unchanged": ("Dòng không đổi", "Unchanged rows"),
    "rows_rejected": ("Dòng bị loại", "Rejected rows"),
    "problems": ("Các vấn đề trong tệp", "Problems in the file"),
    "problem_counts": ("{errors} lỗi trên {rows} dòng, {warnings} cảnh báo.", "{errors} errors on {rows} rows, {warnings} warnings."),
    "no_problems": ("Tệp hợp lệ, không có lỗi.", "The file is valid."),
    "report_xlsx": ("Tải báo cáo lỗi (Excel, ô lỗi được tô màu)", "Download the problem report (Excel, cells highlighted)"),
    "report_csv": ("Tải báo cáo lỗi (CSV)", "Download the problem report (CSV)"),
    "sample_changes": ("Ví dụ các thay đổi (trước → sau)", "Sample of changes (before → after)"),
    "duplicate_file": ("Tệp này đã được ghi ở lần cập nhật số {id}. Ghi lại sẽ không thêm gì mới nếu dữ liệu không đổi.",
                       "This file was already committed as upload {id}. Committing again adds nothing if the data did not change."),
    "commit": ("Ghi vào cơ sở dữ liệu", "Commit to the database"),
    "commit_valid_only": ("Chỉ ghi {n} dòng hợp lệ", "Commit only the {n} valid rows"),
    "commit_blocked": ("Tệp còn lỗi: sửa các lỗi rồi tải lại, hoặc chọn chỉ ghi các dòng hợp lệ.",
                       "The file has errors: fix them and upload again, or commit only the valid rows."),
    "committed": ("Đã ghi lần cập nhật số {id}: {added} dòng mới, {changed} dòng thay đổi, {unchanged} dòng không đổi.",
                  "Committed upload {id}: {added} new, {changed} changed, {unchanged} unchanged rows."),
    "history": ("Lịch sử cập nhật", "Upload history"),
    "undo": ("Hoàn tác lần cập nhật", "Undo an upload"),
    "undo_choose": ("Lần cập nhật cần hoàn tác", "Upload to undo"),
    "undone": ("Đã hoàn tác lần cập nhật số {id}.", "Upload {id} was undone."),
    "no_history": ("Chưa có lần cập nhật nào.", "No uploads yet."),
    "indicator": ("Chỉ tiêu theo dõi", "Indicator"),
    "plan_target": ("Chỉ tiêu kế hoạch", "Plan target"),
    "present_page": ("Trình chiếu", "Presentation"),
    "report_page": ("Báo cáo", "Report"),
    "previous": ("← Trước", "← Previous"),
    "next": ("Sau →", "Next →"),
    "exit_presentation": ("Thoát trình chiếu", "Leave the presentation"),
    "slide_counter": ("Trang {n} / {total}", "Slide {n} / {total}"),
    "deck": ("Bản trình chiếu PowerPoint", "PowerPoint deck"),
    "official_report": ("Báo cáo (Nghị định 30/2020/NĐ-CP)", "Official report (Decree 30/2020/NĐ-CP)"),
    "build_deck": ("Tạo tệp PowerPoint", "Build the PowerPoint file"),
    "build_report": ("Tạo báo cáo Word", "Build the Word report"),
    "download_deck": ("Tải xuống PowerPoint (.pptx)", "Download PowerPoint (.pptx)"),
    "download_report": ("Tải xuống báo cáo (.docx)", "Download the report (.docx)"),
    "report_settings": ("Thông tin văn bản (để trống sẽ được đánh dấu cần bổ sung)",
                        "Document details (left empty, they are marked as blanks to fill)"),
    "parent_agency": ("Cơ quan chủ quản", "Parent agency"),
    "agency": ("Cơ quan ban hành", "Issuing agency"),
    "agency_short": ("Chữ viết tắt cơ quan (trong số ký hiệu)", "Agency abbreviation (in the number)"),
    "doc_number": ("Số văn bản", "Document number"),
    "doc_place": ("Địa danh", "Place name"),
    "signer_name": ("Người ký", "Signer"),
    "signer_title": ("Quyền hạn, chức vụ người ký", "Signer's authority and title"),
    "recipients": ("Nơi nhận (mỗi dòng một nơi)", "Recipients (one per line)"),
    "building": ("Đang tạo tệp…", "Building the file…"),
    "built_in": ("Đã tạo trong {seconds} giây.", "Built in {seconds} s."),
    "print_hint": ("In trang Tổng quan: dùng lệnh In của trình duyệt (khổ A4 ngang).",
                   "To print the overview, use the browser's Print command (A4 landscape)."),
    "read_only_replica": ("Bản sao chỉ đọc: số liệu theo bản chụp mới nhất của máy chủ chính; không cập nhật dữ liệu tại đây.",
                          "Read-only replica: figures from the main server's latest snapshot; uploads are not possible here."),
    "unit_label": ("Đơn vị tính", "Unit"),
    "method": ("Cách đánh giá", "How the status is computed"),
    "growth_every_year": ("tăng {band} mỗi năm, các giai đoạn {phases}", "growth of {band} every year, phases {phases}"),
    "method_count": (
        "Đã đạt khi kết quả đạt mức theo quy tắc đạt ở trên; hết kỳ mà chưa đạt là Không đạt. Trong kỳ: nhịp "
        "thực hiện = kết quả ÷ phần thời gian đã qua, so với mức đạt: ≥ {on_track}% Đúng tiến độ, ≥ {accelerate}% "
        "Cần đẩy nhanh, thấp hơn là Chậm tiến độ. Dự báo cuối kỳ = kết quả ÷ phần thời gian đã qua.",
        "Achieved when the result reaches the pass mark of the rule above; a period that ended short is Not "
        "achieved. During the period the pace (result ÷ share of time elapsed) is compared with the pass mark: "
        "≥ {on_track}% On track, "
        "≥ {accelerate}% Needs acceleration, lower Off track. Forecast = result ÷ share of time elapsed.",
    ),
    "method_growth": (
        "Phương pháp Open SDG / Thống kê Canada: tốc độ tăng bình quân từ năm gốc (năm trước giai đoạn, hoặc "
        "năm đầu có số liệu) đến năm đủ số liệu gần nhất, chia cho mức tăng yêu cầu: ≥ {on_track}% Đúng tiến độ, "
        "≥ {accelerate}% Cần đẩy nhanh, ≥ 0 Chậm tiến độ, âm là Suy giảm. Khi giai đoạn chưa có năm trọn vẹn, so "
        "sánh từ đầu năm đến ngày tính với cùng kỳ năm trước (tạm tính). Thiếu năm gốc: Chưa đủ dữ liệu.",
        "Open SDG / Statistics Canada method: average growth from the base year (the year before the phase, or "
        "the first year with data) to the latest complete year, divided by the required rate: ≥ {on_track}% On "
        "track, ≥ {accelerate}% Needs acceleration, ≥ 0 Off track, negative Deteriorating. Before the phase has "
        "a complete year, the year to date is compared with the same period of the previous year (provisional). "
        "No base year: Insufficient data.",
    ),
    "method_monitor": ("Kế hoạch không đặt chỉ tiêu số: chỉ theo dõi.", "The plan sets no number: monitored only."),
    "experts_no_enterprise": ("bộ lọc doanh nghiệp đối với chỉ tiêu chuyên gia (chuyên gia không gắn với doanh nghiệp)",
                              "enterprise filters on the experts target (experts are not tied to enterprises)"),
    "expiring_title": ("Giấy chứng nhận hết hạn trong {months} tháng tới (từ {day})",
                       "Certificates expiring in the next {months} months (from {day})"),
    # What each indicator counts (registry definitions; they say what the indicator's SQL does)
    "def_experts": (
        "Số người được cấp chứng nhận chuyên gia năng suất chất lượng lần đầu trong kỳ, cộng dồn đến ngày tính. "
        "Mỗi người tính một lần, vào năm được chứng nhận lần đầu; cấp lại, gia hạn không tính thêm. "
        "Không áp dụng bộ lọc doanh nghiệp.",
        "People whose first productivity-and-quality expert certification falls within the period, cumulative to "
        "the as-of date. Each person counts once, in the year of their first certification; renewals and "
        "re-certifications do not count again. Enterprise filters do not apply.",
    ),
    "def_managers": (
        "Số lượt cán bộ lãnh đạo, quản lý của doanh nghiệp (người học có vai trò lãnh đạo hoặc quản lý và có mã số "
        "thuế doanh nghiệp) tham gia các khóa đào tạo chuyên sâu kết thúc trong kỳ, cộng dồn đến ngày tính. Một người "
        "học hai khóa tính hai lượt; người học không gắn với doanh nghiệp không được tính.",
        "Person-times of enterprise leaders and managers (participants with a leader or manager role and an "
        "enterprise tax code) in in-depth courses ending within the period, cumulative to the as-of date. One person "
        "in two courses counts twice; participants not tied to an enterprise are not counted.",
    ),
    "def_supported": (
        "Số doanh nghiệp khác nhau được hỗ trợ giải pháp nâng cao năng suất chất lượng trong năm dương lịch (một "
        "doanh nghiệp được hỗ trợ nhiều lần trong năm tính một lần); năm đang diễn ra tính từ 01/01 đến ngày tính. "
        "Tăng trưởng: so với năm trước.",
        "Distinct enterprises supported with productivity and quality solutions in the calendar year (an enterprise "
        "supported several times in a year counts once); the running year counts from 1 January to the as-of date. "
        "Growth: against the previous year.",
    ),
    "def_certificates_valid": (
        "Số giấy chứng nhận {standard} còn hiệu lực tại 31/12 mỗi năm (đã cấp, chưa hết hạn, chưa bị thu hồi); năm "
        "đang diễn ra tính tại ngày tính. Hiển thị kèm: số giấy chứng nhận {standard} cấp mới trong năm.",
        "{standard} certificates valid on 31 December of each year (issued, not expired, not withdrawn); the running "
        "year is counted on the as-of date. Shown beside it: {standard} certificates issued in the year.",
    ),
    "def_certificates_issued": (
        "Số giấy chứng nhận {standard} cấp mới trong năm dương lịch; năm đang diễn ra tính từ 01/01 đến ngày tính. "
        "Hiển thị kèm: số giấy chứng nhận {standard} còn hiệu lực tại 31/12.",
        "{standard} certificates issued in the calendar year; the running year counts from 1 January to the as-of "
        "date. Shown beside it: {standard} certificates valid on 31 December.",
    ),
    "def_pilots_recognised": (
        "Số doanh nghiệp có mô hình điểm được công nhận trong kỳ, cộng dồn đến ngày tính. Mỗi doanh nghiệp tính một "
        "lần, vào năm mô hình đầu tiên của doanh nghiệp được công nhận trong kỳ; ngày bắt đầu xây dựng không được xét "
        "(mô hình bắt đầu trước kỳ, được công nhận trong kỳ vẫn tính).",
        "Enterprises with a pilot model recognised within the period, cumulative to the as-of date. Each enterprise "
        "counts once, in the year its first model was recognised within the period; the date building started is "
        "not looked at (a model started before the period and recognised within it counts).",
    ),
    "def_pilots_started": (
        "Số doanh nghiệp bắt đầu xây dựng mô hình điểm trong kỳ, cộng dồn đến ngày tính. Mỗi doanh nghiệp tính một "
        "lần, vào năm bắt đầu mô hình đầu tiên trong kỳ; mô hình chưa được công nhận vẫn tính.",
        "Enterprises that started building a pilot model within the period, cumulative to the as-of date. Each "
        "enterprise counts once, in the year its first model within the period started; models not yet recognised "
        "count.",
    ),
    "def_cabs": (
        "Số tổ chức đánh giá sự phù hợp có công nhận còn hiệu lực tại 31/12 mỗi năm (năm đang diễn ra: tại ngày "
        "tính). Không áp dụng bộ lọc doanh nghiệp.",
        "Conformity-assessment bodies holding a valid accreditation on 31 December of each year (the running year: "
        "on the as-of date). Enterprise filters do not apply.",
    ),
    "experts_list": ("Chuyên gia năng suất chất lượng được chứng nhận", "Certified productivity and quality experts"),
    "unit_experts": ("chuyên gia", "experts"),
    "unit_person_times": ("lượt người", "person-times"),
    "unit_enterprises": ("doanh nghiệp", "enterprises"),
    "unit_certificates": ("giấy chứng nhận", "certificates"),
    "unit_bodies": ("tổ chức", "bodies"),
    "qualifier_at_least": ("ít nhất", "at least"),
    "qualifier_more_than": ("trên", "over"),
    "qualifier_about": ("khoảng", "about"),
    "pass_mark": ("đạt khi từ {required}", "met at {required}"),
    "rule_label": ("Quy tắc đạt", "When it is met"),
    "rule_at_least": ("Đạt khi kết quả từ {required} trở lên (chỉ tiêu «ít nhất {value}»).",
                      "Met when the result is {required} or more (target “at least {value}”)."),
    "rule_more_than": ("«Trên {value}» là nhiều hơn {value}: đạt khi kết quả từ {required} trở lên; đúng {value} "
                       "là chưa đạt.",
                       "“Over {value}” means more than {value}: met when the result is {required} or more; exactly "
                       "{value} is not met."),
    "rule_about": ("«Khoảng {value}»: đạt khi kết quả từ {required} trở lên (chỉ tiêu trừ dung sai {tolerance}, "
                   "làm tròn lên một đơn vị nguyên).",
                   "“About {value}”: met when the result is {required} or more (the number less a {tolerance} "
                   "tolerance, rounded up to a whole unit)."),
    "rule_growth": ("Trạng thái theo tốc độ tăng bình quân của giai đoạn so với mức tối thiểu {floor}/năm. Vì kế "
                    "hoạch yêu cầu tăng hằng năm, thẻ chỉ tiêu nêu thêm số năm trọn vẹn đạt mức {floor} và các năm "
                    "chưa đạt.",
                    "The status follows the phase's average yearly growth against the {floor} floor. Because the "
                    "plan asks for growth every year, the card also gives how many complete years reached {floor} "
                    "and names those that did not."),
    "rule_ceiling": ("Mức trên của dải ({ceiling}) không phải giới hạn: một năm tăng trên {ceiling} vẫn tính là đạt "
                     "nhưng được đánh dấu để kiểm tra lại số liệu.",
                     "The band's ceiling ({ceiling}) is not a limit: a year above {ceiling} still counts as met but "
                     "is flagged for a data check."),
    "years_met": ("{met}/{judged} năm đạt mức tăng ≥ {floor}", "{met}/{judged} years reached growth ≥ {floor}"),
    "years_missed": ("chưa đạt: {years}", "not reached: {years}"),
    "years_above": ("{years} tăng trên {ceiling}: nên kiểm tra lại số liệu",
                    "{years} grew more than {ceiling}: check the data"),
    "no_complete_year": ("Chưa có năm trọn vẹn nào trong giai đoạn để xét mức tăng hằng năm.",
                         "No complete year of the phase yet to judge the yearly growth."),
    "no_target_here": ("Kế hoạch {plan} không đặt chỉ tiêu cho nội dung này; số liệu dưới đây để theo dõi.",
                       "Plan {plan} sets no target for this; the figures below are for monitoring."),
    "group_communication": ("Thông tin, tuyên truyền về năng suất chất lượng",
                            "Communication about productivity and quality"),
    "group_training": ("Đào tạo, tập huấn về năng suất chất lượng", "Training in productivity and quality"),
    "group_support": ("Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công cụ cải "
                      "tiến năng suất chất lượng",
                      "Supporting enterprises to apply standards, technical regulations, management systems and "
                      "productivity and quality improvement tools"),
    # Explanations of a status (the "why" under each card)
    "why_count_achieved": (
        "Đã có {actual} trên chỉ tiêu {target} {unit}.",
        "{actual} of the target {target} {unit} reached.",
    ),
    "why_count_ended": (
        "Giai đoạn đã kết thúc với {actual}/{target} {unit} ({pct}).",
        "The period ended with {actual}/{target} {unit} ({pct}).",
    ),
    "why_count_pace": (
        "Đã có {actual}/{target} {unit} khi đã qua {elapsed} thời gian; giữ nhịp này sẽ đạt khoảng {forecast} vào {end} ({ratio} nhịp cần thiết).",
        "{actual}/{target} {unit} with {elapsed} of the time gone; at this pace about {forecast} by {end} ({ratio} of the pace needed).",
    ),
    "why_growth_pace": (
        "Tăng bình quân {rate}/năm từ {base_year} ({base}) đến {latest_year} ({actual}); yêu cầu ≥ {required}/năm.",
        "Average growth {rate}/year from {base_year} ({base}) to {latest_year} ({actual}); required ≥ {required}/year.",
    ),
    "why_growth_ended": (
        "Cả giai đoạn tăng bình quân {rate}/năm từ {base_year} ({base}) đến {latest_year} ({actual}); yêu cầu ≥ {required}/năm.",
        "Over the phase, average growth {rate}/year from {base_year} ({base}) to {latest_year} ({actual}); required ≥ {required}/year.",
    ),
    "why_growth_ytd": (
        "Tạm tính: từ 01/01 đến {day} năm {latest_year} có {actual}, so với {base} cùng kỳ năm {base_year} ({rate}); yêu cầu ≥ {required}/năm.",
        "Provisional: 1 Jan to {day} {latest_year} shows {actual} against {base} in the same period of {base_year} ({rate}); required ≥ {required}/year.",
    ),
    "why_no_base": (
        "Chưa có năm gốc để so sánh: cần số liệu ít nhất hai năm.",
        "No base year to compare with: at least two years of data are needed.",
    ),
    "why_no_ytd_base": (
        "Chưa có số liệu cùng kỳ năm trước để so sánh.",
        "No data for the same period of the previous year to compare with.",
    ),
    "why_not_started": ("Giai đoạn chưa bắt đầu.", "The period has not started."),
    "why_monitor": (
        "Kế hoạch không đặt chỉ tiêu số; năm {latest_year} có {actual} {unit}.",
        "The plan sets no number; {actual} {unit} in {latest_year}.",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    vi, en = TEXT[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def fmt_number(x: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """1.234.567 / 12,5 in Vietnamese; 1,234,567 / 12.5 in English; '–' when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_count(x: float | None, lang: str = DEFAULT_LANG) -> str:
    """Whole numbers without decimals, others with one."""
    if x is not None and not (isinstance(x, float) and math.isnan(x)) and abs(x - round(x)) > 1e-9:
        return fmt_number(x, lang, 1)
    return fmt_number(x, lang, 0)


def fmt_percent(x: float | None, lang: str = DEFAULT_LANG, decimals: int = 1, signed: bool = False) -> str:
    """A share as a percentage: 0.125 -> '12,5%'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = fmt_number(abs(x) * 100 if signed else x * 100, lang, decimals) + "%"
    if signed:
        # ASCII minus: st.metric reads the sign to colour its arrow, and Excel parses it.
        return ("+" if x >= 0 else "-") + text
    return text


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "–"


def plotly_separators(lang: str) -> str:
    """Plotly's `separators`: decimal mark then thousands mark."""
    return ".," if lang == "en" else ",."
