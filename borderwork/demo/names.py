"""Vietnam's 54 ethnic groups, slugs from Vietnamese names, and people's names for the demo."""

from __future__ import annotations

import random

from django.utils.text import slugify

# The official list of 54 ethnic groups (Kinh first, the rest by population).
ETHNIC_GROUPS: list[str] = [
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
    "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai",
    "M'Nông", "Thổ", "Xtiêng", "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ",
    "Giẻ Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng",
    "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cơ Lao",
    "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
]  # fmt: skip
MAJORITY = "Kinh"


def slug_of(text: str) -> str:
    """A URL slug from a Vietnamese name; đ has no decomposition, so fold it by hand."""
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


KINH_SURNAMES = (
    ["Nguyễn"] * 8 + ["Trần"] * 3 + ["Lê"] * 3 + ["Phạm"] * 2 + ["Hoàng", "Huỳnh", "Phan"] * 2
    + ["Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Mai"]
)  # fmt: skip
MALE_MIDDLE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Xuân", "Ngọc",
               "Công", "Trọng", "Đình", "Anh"]  # fmt: skip
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Minh", "Thị Thanh", "Ngọc", "Thu", "Thùy",
                 "Kim", "Thị Hồng"]  # fmt: skip
MALE_GIVEN = ["Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Thắng", "Quang", "Sơn", "Toàn",
              "Cường", "Hiếu", "Trung", "Phong", "Khánh", "Bình", "Tùng", "Lâm", "Hòa", "Thành",
              "Vinh", "Tâm", "Hưng", "Lợi", "Phúc", "Đạt", "Huy", "Khoa", "Tài", "Trí"]  # fmt: skip
FEMALE_GIVEN = ["Lan", "Hương", "Hoa", "Mai", "Hà", "Linh", "Trang", "Thảo", "Nga", "Nhung",
                "Hằng", "Yến", "Loan", "Phương", "Hạnh", "Huyền", "Liên", "Oanh", "Dung",
                "Vân"]  # fmt: skip

# Groups whose names follow the Kinh pattern but with their own common surnames.
SURNAMES = {
    "Tày": ["Hoàng", "Nông", "Lương", "Đàm", "Bế", "Triệu", "Ma"],
    "Nùng": ["Hoàng", "Nông", "Lý", "Vi", "Lường"],
    "Thái": ["Lò", "Lường", "Quàng", "Cầm", "Vi"],
    "Mường": ["Bùi", "Đinh", "Quách", "Hà"],
    "Dao": ["Triệu", "Bàn", "Đặng", "Lý"],
    "Hoa": ["Lâm", "Trương", "Quách", "Lưu", "Tăng"],
    "Sán Dìu": ["Diệp", "Lam", "Lục", "Tằng"],
    "Sán Chay": ["La", "Hoàng", "Trần", "Lưu"],
    "Mông": ["Giàng", "Vàng", "Sùng", "Thào", "Lầu"],
}

# Groups with their own name patterns: (male prefixes, female prefixes, male given, female given).
PATTERNS = {
    "Xtiêng": (["Điểu", "Điểu Minh", "Điểu Văn"], ["Thị", "Thị", "Điểu Thị"],
               ["Lanh", "Xiêm", "Brang", "Khen", "Rốp", "Ngôn", "Thoan", "Kiệp", "Lành",
                "Tranh", "Hên", "Bình"],
               ["Nghé", "Lếp", "Sương", "Bé", "Hiền", "Khum", "Ren", "Bích", "Dung"]),
    "M'Nông": (["Điểu", "Y"], ["Thị", "H'"],
               ["Khươl", "Brơi", "Đăm", "Krai", "Lâm", "Ngọc", "Sinh", "Tốt"],
               ["Nhi", "Ngân", "Mai", "Bliêng", "Rưn"]),
    "Khmer": (["Lâm", "Thạch", "Danh", "Sơn", "Kim", "Chau"], ["Thị", "Lâm Thị", "Thạch Thị"],
              ["Sóc", "Sa Rinh", "Ruôl", "Kha", "Sây", "Phol", "Rươl", "Sa Mây", "Pha Ly"],
              ["Sa Ry", "Sóc Phi", "Chanh Thu", "Ni", "Sa Rươl", "Mây", "Sa Pha"]),
    "Bru - Vân Kiều": (["Hồ Văn", "Hồ Xuân", "Đinh Xuân", "Cao Xuân", "Hồ Thanh", "Lê Văn"],
                       ["Hồ Thị", "Đinh Thị", "Lê Thị"],
                       ["Bôn", "Khăm", "Côn", "Bảy", "Hoan", "Tân", "Kiên", "Lợi", "Đương",
                        "Măng", "Mười", "Tăng", "Xy", "Thương"],
                       ["Lanh", "Nhơn", "Mười", "Bích", "Lê", "Nhất", "Phương", "Xuân"]),
    "Chứt": (["Cao Văn", "Cao Xuân", "Đinh Thanh", "Hồ Văn"], ["Cao Thị", "Đinh Thị", "Hồ Thị"],
             ["Thành", "Mạnh", "Vàng", "Sửu", "Khăm", "Tính", "Hoằng", "Lập", "Hiên"],
             ["Hồng", "Năm", "Lựu", "Chương", "Kiên", "Thủy", "Hoa"]),
}  # fmt: skip


def person_name(rng: random.Random, group: str = MAJORITY, female: bool | None = None) -> str:
    """A plausible full name for a person of the given ethnic group."""
    if female is None:
        female = rng.random() < 0.45
    pattern = PATTERNS.get(group)
    if pattern:
        male_prefix, female_prefix, male_given, female_given = pattern
        prefix = rng.choice(female_prefix if female else male_prefix)
        return f"{prefix} {rng.choice(female_given if female else male_given)}"
    surname = rng.choice(SURNAMES.get(group, KINH_SURNAMES))
    middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
    return f"{surname} {middle} {rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)}"
