"""The column layout of the roster (岗位清单), departments (部门) and organisation (组织) sheets.

One description, read by the xlsx export (`render/xlsx.py`), by `import --template` and by
`import`: a column is found by its header in Chinese or English, so a workbook exported with
`--lang en` imports as well as a Chinese one. The cell words (是, 全职, ...) are read in either
language too.
"""

from dataclasses import dataclass

from mktorg.model.base import HeadcountRange


@dataclass(frozen=True)
class Column:
    """One column: its key, headers, width in characters, and the note of the template's notes row."""

    key: str
    zh: str
    en: str
    width: int
    note_zh: str = ""
    note_en: str = ""
    computed: bool = False
    """Written by the export for reading; `import` ignores it."""

    def header(self, lang: str) -> str:
        """The header in `lang` (Chinese for zh*, English otherwise)."""
        return self.zh if lang.startswith("zh") else self.en

    def note(self, lang: str) -> str:
        """The template's note for this column."""
        return self.note_zh if lang.startswith("zh") else self.note_en


ROSTER_COLUMNS: tuple[Column, ...] = (
    Column("code", "岗位编号", "Code", 10, "说明：可空，全组织唯一", "Note: optional, unique"),
    Column(
        "id",
        "岗位ID",
        "ID",
        20,
        "说明：可空，空时由岗位名称生成拼音ID",
        "Note: optional; made from the title when empty",
    ),
    Column("title", "岗位名称", "Title", 18, "说明：必填", "Note: required"),
    Column(
        "department_path", "所属部门", "Department", 24, "说明：部门名称（部门ID为空时使用）", "Note: department name"
    ),
    Column("department", "部门ID", "Department ID", 16, "说明：填写后优先于部门名称", "Note: wins over the name"),
    Column("reports_to_title", "直接上级", "Reports to", 16, "说明：上级岗位名称", "Note: title of the superior"),
    Column("reports_to", "直接上级ID", "Reports to ID", 18, "说明：填写后优先于上级名称", "Note: wins over the title"),
    Column(
        "dotted_to",
        "虚线上级ID",
        "Dotted line to",
        16,
        "说明：岗位ID，多个用顿号分隔",
        "Note: role IDs, comma-separated",
    ),
    Column("level", "职级", "Level", 8, "说明：从下拉列表选择", "Note: from the list"),
    Column("grade", "薪酬等级", "Grade", 8, "说明：组织设置中的等级编号", "Note: a grade id"),
    Column("headcount_min", "人数下限", "Min people", 8, "说明：整数，默认1", "Note: a whole number, default 1"),
    Column("headcount_max", "人数上限", "Max people", 8, "说明：空则等于下限", "Note: empty = the minimum"),
    Column("headcount_n", "人数不定", "Variable", 8, "说明：是＝若干人（N）", "Note: yes = a variable number (N)"),
    Column("employment", "用工形式", "Employment", 10, "说明：全职/兼职/实习/外包", "Note: full-time etc."),
    Column("vacant", "空缺", "Vacant", 6, "说明：是/否", "Note: yes/no"),
    Column("optional", "可选", "Optional", 6, "说明：是/否", "Note: yes/no"),
    Column("external", "外部", "External", 6, "说明：是/否", "Note: yes/no"),
)

DEPARTMENT_COLUMNS: tuple[Column, ...] = (
    Column("id", "部门ID", "ID", 18, "说明：可空，空时由部门名称生成拼音ID", "Note: optional; made from the name"),
    Column("name", "部门名称", "Name", 20, "说明：必填", "Note: required"),
    Column("parent_path", "上级部门", "Parent", 24, "说明：上级部门名称（上级部门ID为空时使用）", "Note: parent name"),
    Column("parent", "上级部门ID", "Parent ID", 16, "说明：填写后优先于上级部门名称", "Note: wins over the name"),
    Column("head_title", "负责人岗位", "Head", 16, "说明：负责人岗位名称", "Note: title of the head role"),
    Column("head", "负责人岗位ID", "Head ID", 18, "说明：填写后优先于岗位名称", "Note: wins over the title"),
    Column("headcount_budget", "编制", "Budget", 8, "说明：整数，可空", "Note: a whole number, optional"),
    Column("people", "人数（含下级部门）", "People (with sub-units)", 12, computed=True),
    Column("vacancies", "空缺岗位", "Vacant roles", 8, computed=True),
    Column("external", "外部", "External", 6, "说明：是/否", "Note: yes/no"),
)

SETTINGS_COLUMNS: tuple[Column, ...] = (
    Column("item", "项目", "Item", 10),
    Column("value", "值", "Value", 24),
    Column("name", "名称", "Name", 16),
    Column("min", "下限", "Min", 10),
    Column("max", "上限", "Max", 10),
)
"""The organisation sheet: name, languages, levels and grades, one per row, for a new organisation."""

SETTING_ITEMS: dict[str, tuple[str, str]] = {
    "name": ("组织名称", "Name"),
    "locales": ("语言", "Languages"),
    "level": ("职级", "Level"),
    "grade": ("薪酬等级", "Grade"),
    "currency": ("币种", "Currency"),
}

SHEETS: dict[str, tuple[str, str]] = {
    "roster": ("岗位清单", "Roles"),
    "departments": ("部门", "Departments"),
    "settings": ("组织设置", "Organisation"),
    "functions": ("职能分解表", "Functions"),
    "raci": ("RACI", "RACI"),
    "authorities": ("权限", "Authorities"),
    "kpis": ("考核指标", "KPIs"),
    "stats": ("统计", "Stats"),
}


def sheet_name(key: str, lang: str) -> str:
    """The name of a sheet in `lang`."""
    zh, en = SHEETS[key]
    return zh if lang.startswith("zh") else en


EMPLOYMENT: dict[str, tuple[str, str]] = {
    "full_time": ("全职", "Full-time"),
    "part_time": ("兼职", "Part-time"),
    "intern": ("实习", "Intern"),
    "outsourced": ("外包", "Outsourced"),
}

YES = ("是", "Yes")
NO = ("否", "No")
_TRUE = {"是", "yes", "y", "true", "1", "√", "✓", "✔"}
_FALSE = {"否", "no", "n", "false", "0", ""}


def words(lang: str) -> int:
    """Index into the (zh, en) pairs above."""
    return 0 if lang.startswith("zh") else 1


def yes(value: bool, lang: str) -> str:
    """是 for true, empty for false (so that a filter shows the true ones)."""
    return YES[words(lang)] if value else ""


def parse_bool(text: str) -> bool | None:
    """是/否, yes/no, true/false, 1/0, ✓; empty is false; None for anything else."""
    token = text.strip().lower()
    if token in _TRUE:
        return True
    return False if token in _FALSE else None


def employment_label(key: str, lang: str) -> str:
    """全职, Full-time, ..."""
    return EMPLOYMENT[key][words(lang)]


def parse_employment(text: str) -> str | None:
    """The employment key of a label in either language, or of the key itself; None if unknown."""
    token = text.strip().lower().replace("-", "_").replace(" ", "_")
    for key, labels in EMPLOYMENT.items():
        if token == key or token in (labels[0], labels[1].lower().replace("-", "_")):
            return key
    return None


def headcount_cells(headcount: "int | HeadcountRange | str") -> tuple[int | None, int | None, bool]:
    """(min, max, variable) as the roster shows a headcount: N leaves both numbers empty."""
    if isinstance(headcount, int):
        return headcount, headcount, False
    if isinstance(headcount, HeadcountRange):
        return headcount.min, headcount.max, False
    return None, None, True


PATH_SEPARATOR = " / "
"""Between the names of a department path (营销中心 / 市场部)."""
LIST_SEPARATORS = ("、", ",", "，", ";", "；", "\n")
"""What may separate several ids in one cell."""


def split_list(text: str) -> list[str]:
    """Ids written in one cell, separated by 、 , ; or new lines."""
    for sep in LIST_SEPARATORS[1:]:
        text = text.replace(sep, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]
