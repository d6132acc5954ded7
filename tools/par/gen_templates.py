#!/usr/bin/env python3
"""Writes data/par/2026-department.json and data/par/2026-commune.json: the PAR Index
criteria templates of the province's departments and communes, on the eight areas of
QĐ 876/QĐ-BNV. The areas are the national method's; every point value is the project's
provisional choice (no provincial decision for Hưng Yên has been published to take them
from) and is marked `"provisional": true`. Run from the repository root."""

import json
from pathlib import Path

NATIONAL = "QĐ 876/QĐ-BNV (10/11/2022), lĩnh vực của Chỉ số CCHC cấp tỉnh"

# (area code, area name, [(leaf name, department max, commune max, method, optional)])
AREAS = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", [
        ("Ban hành kế hoạch CCHC năm đúng thời hạn, đủ nội dung", 2, 2, "self", False),
        ("Mức độ hoàn thành kế hoạch CCHC năm", 2, 2, "self", False),
        ("Báo cáo CCHC định kỳ đủ, đúng hạn", 1, 1, "self", False),
        ("Kiểm tra công tác CCHC đối với đơn vị trực thuộc", 1, 1, "self", True),
        ("Thông tin, tuyên truyền về CCHC", 1, 1, "self", False),
        ("Sáng kiến, giải pháp mới trong CCHC", 1, 1, "self", True),
    ]),
    ("2", "Cải cách thể chế", [
        ("Ban hành văn bản quy phạm pháp luật theo kế hoạch", 3, 2, "self", True),
        ("Rà soát, hệ thống hóa văn bản quy phạm pháp luật", 2, 2, "self", False),
        ("Tổ chức thực hiện và kiểm tra việc thi hành pháp luật", 2, 2, "self", False),
        ("Xử lý văn bản trái pháp luật sau kiểm tra", 2, 1, "self", True),
    ]),
    ("3", "Cải cách thủ tục hành chính", [
        ("Công bố, công khai thủ tục hành chính đầy đủ, đúng hạn", 2, 2, "self", False),
        ("Rà soát, đơn giản hóa thủ tục hành chính", 2, 1, "self", True),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn", 4, 5, "auto", False),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình", 3, 4, "auto", False),
        ("Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính", 2, 2, "self", False),
        ("Xin lỗi người dân khi giải quyết hồ sơ quá hạn", 1, 2, "self", False),
    ]),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", [
        ("Sắp xếp tổ chức bộ máy theo quy định", 3, 2, "self", False),
        ("Thực hiện biên chế được giao", 3, 3, "self", False),
        ("Phân cấp, ủy quyền và kiểm tra việc thực hiện", 2, 2, "self", True),
    ]),
    ("5", "Cải cách chế độ công vụ", [
        ("Vị trí việc làm và cơ cấu ngạch công chức", 2, 2, "self", False),
        ("Tuyển dụng, bố trí, sử dụng công chức, viên chức", 2, 2, "self", False),
        ("Đánh giá, xếp loại cán bộ, công chức, viên chức", 2, 2, "self", False),
        ("Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", 2, 2, "self", False),
        ("Chấp hành kỷ luật, kỷ cương hành chính", 2, 2, "self", False),
    ]),
    ("6", "Cải cách tài chính công", [
        ("Giải ngân vốn đầu tư công theo kế hoạch", 3, 3, "self", True),
        ("Thực hiện cơ chế tự chủ tài chính", 2, 2, "self", True),
        ("Quản lý, sử dụng tài sản công", 2, 2, "self", False),
    ]),
    ("7", "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số", [
        ("Xử lý văn bản, hồ sơ công việc trên môi trường mạng", 4, 3, "self", False),
        ("Sử dụng chữ ký số trong văn bản điện tử", 3, 3, "self", False),
        ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 4, 4, "auto", False),
        ("Bảo đảm an toàn thông tin mạng", 3, 2, "self", False),
    ]),
    ("8", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội", [
        ("Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ", 14, 16, "survey", False),
        ("Đánh giá của cán bộ, công chức về công tác CCHC", 6, 6, "survey", False),
        ("Thực hiện các chỉ tiêu phát triển kinh tế - xã hội được giao", 10, 11, "self", False),
    ]),
]


def template(group: str, column: int) -> dict:
    items = []
    for code, name, leaves in AREAS:
        children = []
        for n, leaf in enumerate(leaves, 1):
            leaf_name, dep_max, com_max, method, optional = leaf
            item = {
                "code": f"{code}.{n}",
                "name": leaf_name,
                "max": (dep_max, com_max)[column],
                "method": method,
                "provisional": True,
            }
            if optional:
                item["optional"] = True
            children.append(item)
        items.append({"code": code, "name": name, "source": NATIONAL, "children": children})
    total = sum(leaf["max"] for area in items for leaf in area["children"])
    assert total == 100, (group, total)
    label = {"department": "sở, ban, ngành", "commune": "xã, phường, đặc khu"}[group]
    return {
        "code": f"PAR-2026-{group.upper()}",
        "name": f"Bộ tiêu chí xác định Chỉ số CCHC năm 2026 của {label}",
        "year": 2026,
        "group": group,
        "bands": [
            {"label": "Tốt", "min": 90},
            {"label": "Khá", "min": 80},
            {"label": "Trung bình", "min": 65},
            {"label": "Yếu", "min": 0},
        ],
        "bonus_max": 5,
        "penalty_max": 5,
        "provisional": True,
        "note": "Tám lĩnh vực theo QĐ 876/QĐ-BNV; điểm tối đa, ngưỡng xếp loại, điểm "
        "thưởng và điểm trừ là giá trị tạm tính của dự án, thay bằng quyết định của "
        "UBND tỉnh khi ban hành.",
        "items": items,
    }


def main() -> None:
    out = Path("data/par")
    for column, group in enumerate(["department", "commune"]):
        text = json.dumps(template(group, column), ensure_ascii=False, indent=2) + "\n"
        (out / f"2026-{group}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
