"""The words a chart prints, in Chinese and English, and level names in the chart's language."""

from mktorg.model.organization import Organization
from mktorg.render.chart.metrics import has_cjk
from mktorg.render.chart.wrap import clean

_ZH = {
    "people": "{n} 人",
    "several": "若干人",
    "budget": "编制 {b} 人 · 在岗 {n}",
    "vacancies": "空缺 {n}",
    "part_time": "兼职",
    "intern": "实习",
    "outsourced": "外包",
    "vacant": "空缺",
    "optional": "可选",
    "external": "外部",
    "concurrent": "兼 {titles}",
    "held_by": "由 {titles} 兼任",
    "see_page": "见第 {n} 页",
    "from_page": "接第 {n} 页",
    "page": "第 {n} / {total} 页",
    "part": "（{i}/{n}）",
    "legend": "图例",
    "solid": "直线汇报",
    "solid_units": "下属部门",
    "context_link": "部门负责人的上级所在部门",
    "dotted": "虚线汇报",
    "dotted_marker": "{report} 虚线汇报至 {boss}",
    "assistant": "助理岗位（挂在上级旁）",
    "box_vacant": "空缺岗位",
    "box_optional": "可选岗位（小公司可不设）",
    "box_external": "外部岗位 / 部门（不属于本设计）",
    "box_continued": "下属见另一页",
    "headcount": "人数：未注明者为 1 人；若干 = 人数不定",
    "budget_note": "编制 = 部门及下属部门的定编人数；在岗 = 非空缺岗位的人数",
    "unit_people_note": "部门人数 = 部门及下属部门各岗位人数合计",
    "range_note": "人数范围：最少–最多",
    "plus_note": "+ = 另有人数不定（若干人）的岗位",
    "concurrent_note": "兼 = 同一人兼任的岗位",
    "by_depth": "部门底色：部门层级",
    "by_level": "方框底色：职级",
    "depth_name": "{n} 级部门",
    "no_roles": "未设岗位",
    "diff_title": "变更（与 {against} 相比）",
    "diff_added": "新增",
    "diff_moved": "调整位置或上级",
    "diff_changed": "内容变更",
    "diff_removed": "已删除（原位置）",
    "diff_gone": "已删除",
    "diff_new_line": "新的汇报线",
    "diff_old_line": "原汇报线",
    "diff_new_line_units": "新的隶属关系",
    "diff_old_line_units": "原隶属关系",
    "sep": " · ",
    "list_sep": "、",
}
_EN = {
    "people": "{n} people",
    "several": "several",
    "budget": "budget {b} · in post {n}",
    "vacancies": "vacant {n}",
    "part_time": "part-time",
    "intern": "intern",
    "outsourced": "outsourced",
    "vacant": "vacant",
    "optional": "optional",
    "external": "external",
    "concurrent": "also {titles}",
    "held_by": "held by {titles}",
    "see_page": "see p. {n}",
    "from_page": "from p. {n}",
    "page": "page {n} of {total}",
    "part": " ({i}/{n})",
    "legend": "Legend",
    "solid": "reports to",
    "solid_units": "sub-unit",
    "context_link": "unit of the head's superior",
    "dotted": "dotted-line report",
    "dotted_marker": "{report}: dotted line to {boss}",
    "assistant": "assistant (beside the superior)",
    "box_vacant": "vacant role",
    "box_optional": "optional role",
    "box_external": "external role or unit (context)",
    "box_continued": "reports continue on another page",
    "headcount": "headcount: 1 unless shown; several = variable",
    "budget_note": "budget = approved headcount incl. sub-units; in post = people in roles not vacant",
    "unit_people_note": "unit headcount = people in the unit and its sub-units",
    "range_note": "headcount range: fewest–most",
    "plus_note": "+ = plus roles of a variable number (several)",
    "concurrent_note": "also = held by the same person",
    "by_depth": "unit shading: depth",
    "by_level": "box shading: level",
    "depth_name": "level {n} unit",
    "no_roles": "no roles yet",
    "diff_title": "Changes since {against}",
    "diff_added": "added",
    "diff_moved": "moved (department, superior or parent)",
    "diff_changed": "changed",
    "diff_removed": "removed (at its old place)",
    "diff_gone": "removed",
    "diff_new_line": "new reporting line",
    "diff_old_line": "old reporting line",
    "diff_new_line_units": "new parent unit",
    "diff_old_line_units": "old parent unit",
    "sep": " · ",
    "list_sep": ", ",
}
LEVEL_GLOSSARY = {
    "董事长": "Chairman",
    "总经理": "General Manager",
    "副总经理": "Deputy General Manager",
    "总监": "Director",
    "副总监": "Deputy Director",
    "经理": "Manager",
    "副经理": "Deputy Manager",
    "副理": "Deputy Manager",
    "主管": "Supervisor",
    "组长": "Team Lead",
    "专员": "Specialist",
    "助理": "Assistant",
    "职员": "Staff",
    "员工": "Staff",
}
"""English for the usual level ladder, used when org.yaml `levels` gives no English."""


class Words:
    """The chart's vocabulary in one language."""

    def __init__(self, org: Organization, lang: str | None) -> None:
        self.org = org
        self.lang = lang or org.default_lang
        self.zh = self.lang.lower().startswith("zh")
        self._table = _ZH if self.zh else _EN
        self._levels = dict(zip(org.settings.level_names() or [], org.settings.levels or [], strict=True))
        self.untranslated: set[str] = set()

    def __call__(self, key: str, **values: object) -> str:
        return self._table[key].format(**values)

    def text(self, value: object) -> str:
        """A Text in the chart's language (noting when it falls back to another language)."""
        shown = clean(self.org.text(value, self.lang))
        if not self.zh and has_cjk(shown):
            self.untranslated.add(shown)
        return shown

    def level(self, name: str | None) -> str | None:
        """A role's level in the chart's language; None when it cannot be said in that language."""
        if not name:
            return None
        shown = self.org.text(self._levels.get(name, name), self.lang)
        if not self.zh and has_cjk(shown):
            return LEVEL_GLOSSARY.get(shown)
        return shown

    def join(self, items: list[str]) -> str:
        """A list of names."""
        return self("list_sep").join(items)
