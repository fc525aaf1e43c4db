"""Every key of format 1.1 that a user can type appears in at least one rendered document.

The test walks the models' fields; each must either have a value of the `every-key` fixture that
some rendered document shows, or be on the allow-list with the reason it is not text in a document.
"""

import types
import typing
from pathlib import Path

import docx
import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from mktorg.model.kinds import FILE_KINDS
from tests.helpers import FIXTURES, run_cli

ORG = FIXTURES / "every-key"

SHOWN: dict[str, str] = {
    "OrgFile.name": "样例公司市场部",
    "OrgFile.archetype": "职能型",
    "OrgFile.levels": "Director",
    "DocumentInfo.client": "甲方集团",
    "DocumentInfo.author": "乙方咨询",
    "DocumentInfo.version": "V2.1",
    "DocumentInfo.date": "2026-03-15",
    "DocumentInfo.confidentiality": "机密文件",
    "Grade.name": "经理二级",
    "Department.name": "调研组",
    "Department.parent": "上级部门 市场部",
    "Department.head": "部门负责人 调研专员",
    "Department.archetype": "产品型",
    "Department.headcount_budget": "编制 9 人",
    "Department.mission": "提升品牌价值",
    "Department.functions": "推广规划管理",
    "Department.aliases": "市场中心",
    "Department.duties": "制定部门年度计划",
    "Department.authorities": "广告费用审批权",
    "Department.kpis": "品牌知名度提升",
    "Function.name": "推广规划管理",
    "Function.description": "编制推广规划方案",
    "Function.details": "收集推广渠道资料",
    "Function.deliverables": "《年度推广规划方案》",
    "DetailNode.text": "客户群调研分析",
    "DetailNode.details": "客户群需求调查",
    "DetailNode2.text": "竞争对手分析",
    "DetailNode2.details": "价格对比分析",
    "DetailNode3.text": "价格对比分析",
    "Role.title": "市场总监",
    "Role.department": "所属部门 调研组",
    "Role.reports_to": "直接上级 总经理",
    "Role.dotted_to": "虚线汇报 市场助理",
    "Role.headcount": "若干人（人数不定）",
    "HeadcountRange.min": "1–3人",
    "HeadcountRange.max": "1–3人",
    "Role.employment": "兼职",
    "Role.level": "职级 专员",
    "Role.vacant": "空缺",
    "Role.optional": "可选岗位",
    "Role.aliases": "营销负责人",
    "Role.summary": "全面负责市场部的品牌建设",
    "Role.duties": "开展区域市场调研",
    "Duty.text": "协助制定推广活动方案",
    "Duty.type": "辅助职责",
    "Duty.supports": "（协助：市场总监）",
    "Duty.function": "推广规划管理 编制推广规划方案 调研专员、市场总监",
    "Duty.details": "审定推广预算",
    "Role.authorities": "部门工作分配权",
    "Role.qualifications": "任职资格",
    "Qualifications.education": "本科及以上学历",
    "Qualifications.majors": "市场营销专业",
    "Qualifications.experience": "八年以上市场工作经验",
    "Qualifications.experience_years": "7年以上",
    "Qualifications.knowledge": "品牌管理知识",
    "Qualifications.skills": "团队领导能力",
    "Qualifications.scope": "了解行业发展方向",
    "Qualifications.other": "能适应出差",
    "Role.kpis": "推广预算控制率",
    "KPI.name": "推广预算控制率",
    "KPI.weight": "100%",
    "KPI.target": "不超过预算",
    "KPI.cycle": "季度",
    "Role.concurrent": "兼任岗位 市场助理",
    "Role.code": "MK-01",
    "Role.grade": "薪酬等级 经理二级",
    "Role.relations": "工作关系",
    "Relations.internal": "财务部门",
    "Relations.external": "广告媒体单位",
    "Relation.with_": "调研专员：调研计划的审定",
    "Relation.about": "调研计划的审定",
    "Role.environment": "办公室工作并经常出差",
    "Process.name": "新品上市流程",
    "Process.owner": "流程负责人：市场总监",
    "Process.steps": "编制上市方案",
    "Step.name": "1、编制上市方案",
    "Step.phase": "策划阶段",
    "Step.responsible": "1、编制上市方案 策划阶段 调研专员",
    "Step.accountable": "调研专员 市场总监 市场助理",
    "Step.consulted": "市场总监 市场助理 总经理",
    "Step.informed": "市场助理 总经理 方案须经评审会通过",
    "Step.key_points": "方案须经评审会通过",
}
"""Field -> a text that a rendered document shows only because of that field's value."""

NOT_TEXT: dict[str, str] = {
    "OrgFile.locales": "the languages a document can be asked for (--lang); see the English outputs",
    "OrgFile.document": "a mapping: its keys are checked one by one",
    "OrgFile.theme": "a mapping: its keys are checked one by one",
    "OrgFile.grades": "a mapping: the grade's name is shown through a role's grade",
    "OrgFile.currency": "the unit of grade amounts, which belong in `mktorg stats`, not in a client's job descriptions",
    "Grade.min": "pay amounts belong in `mktorg stats`, not in a client's job descriptions",
    "Grade.max": "pay amounts belong in `mktorg stats`, not in a client's job descriptions",
    "OrgFile.lint": "lint settings",
    "LintSettings.span_of_control": "lint settings",
    "LintSettings.max_layers": "lint settings",
    "LintSettings.rules": "lint settings",
    "LintSettings.typos": "lint settings",
    "LintSettings.near_duplicate": "lint settings",
    "SpanOfControl.min": "lint settings",
    "SpanOfControl.max": "lint settings",
    "DocumentInfo.logo": "a picture on the cover: test_logo_on_the_cover",
    "Theme.font": "the font documents are set in: test_theme_font_and_colours",
    "Theme.colors": "a mapping: its keys are checked one by one",
    "ThemeColors.primary": "the colour of headings: test_theme_font_and_colours",
    "ThemeColors.accent": "the colour of the running header's rule: test_theme_font_and_colours",
    "ThemeColors.department": "chart colours (mktorg chart), not document text",
    "ThemeColors.vacant": "chart colours (mktorg chart), not document text",
    "ThemeColors.external": "chart colours (mktorg chart), not document text",
    "Department.id": "the file stem, used to refer to the department",
    "Role.id": "the file stem, used to refer to the role",
    "Process.id": "the file stem, used to refer to the process",
    "Function.id": "used to refer to the function from duties",
    "Step.id": "used to refer to the step",
    "Department.external": "context outside the design: left out of the book (test_external_parts_left_out)",
    "Role.external": "context outside the design: no job description, not in 岗位设置 (test_external_parts_left_out)",
    "Department.order": "the order of sub-departments: test_sibling_order",
    "Role.order": "the order of roles: test_sibling_order",
    "Role.assistant": "drawn beside its superior in charts, not document text",
}


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if model.__name__ in seen:
        return
    seen[model.__name__] = model
    for info in model.model_fields.values():
        for nested in _nested(info.annotation):
            _models(nested, seen)


def _nested(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += _nested(arg)
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found += _nested(arg)
    return found


def every_field() -> list[str]:
    """`Model.field` for every field of every model a file can hold."""
    seen: dict[str, type[BaseModel]] = {}
    for kind in FILE_KINDS:
        _models(kind.model, seen)
    return sorted(f"{name}.{field}" for name, model in seen.items() for field in model.model_fields)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    props = document.core_properties
    parts += [props.title, props.author, props.subject, props.keywords, props.comments, str(props.created)]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The text of every document of the fixture: job descriptions and books, zh and en, all formats."""
    out = tmp_path_factory.mktemp("every-key")
    texts = []
    for lang in ("zh", "en"):
        for fmt in ("md", "html", "docx", "pdf"):
            folder = out / f"{lang}-{fmt}"
            run_cli("export", str(ORG), "--format", fmt, "--lang", lang, "--book", "-o", str(folder))
            run_cli("export", str(ORG), "--format", fmt, "--lang", lang, "-o", str(folder))
            for path in sorted(folder.iterdir()):
                if path.suffix in (".md", ".html"):
                    texts.append(path.read_text(encoding="utf-8"))
                elif path.suffix == ".docx":
                    texts.append(_docx_text(path))
                elif path.suffix == ".pdf":
                    reader = PdfReader(str(path))
                    texts += [page.extract_text() for page in reader.pages]
                    texts.append(str(reader.metadata))
    return "\n".join(texts)


def _flat(text: str) -> str:
    """Table cells and lines run together, so `label value` pairs can be looked for."""
    return " ".join(text.replace("|", " ").replace("\t", " ").split())


def test_every_field_is_shown_or_allowed() -> None:
    fields = every_field()
    assert "Role.environment" in fields and "DetailNode3.text" in fields and "Relation.with_" in fields
    unknown = [f for f in fields if f not in SHOWN and f not in NOT_TEXT]
    assert not unknown, f"fields no renderer shows and no allow-list entry explains: {unknown}"
    stale = sorted((set(SHOWN) | set(NOT_TEXT)) - set(fields))
    assert not stale, f"entries for fields that no longer exist: {stale}"


@pytest.mark.parametrize("field", sorted(SHOWN))
def test_field_value_is_rendered(rendered: str, field: str) -> None:
    assert _flat(SHOWN[field]) in _flat(rendered), f"{field}: '{SHOWN[field]}' is in no rendered document"


def test_the_check_can_fail(rendered: str) -> None:
    assert "不存在的文字" not in _flat(rendered)
    assert "拒绝" not in _flat(rendered)
