"""The real sentences of the seed documents, linted as duties: the text rules (MK5xx) find the
source's real defects and nothing else (no false alarm on ordinary wording)."""

import json
from collections import Counter
from pathlib import Path

import yaml

from mktorg.lint.engine import lint
from mktorg.load.loader import load_org
from tests.helpers import FIXTURES

SENTENCES: dict[str, list[str]] = yaml.safe_load((FIXTURES / "seed-sentences.yaml").read_text(encoding="utf-8"))
FIRST_DUTY_LINE = 5
"""Line of the first duty in the role files written below."""

REAL_DEFECTS = [
    # (document, start of the sentence, rule): one line per finding
    ("D01", "主管:XXX 副主管:XXX", "MK502"),  # 8 × XXX in the flattened chart
    ("D01", "市场部人员查旅费报销审核", "MK506"),
    ("D01", "具有对推广、网络建设与网络管理", "MK506"),  # 检察权
    ("D04", "营销创新管理.营销工作的具体执行", "MK506"),  # 应收帐款
    ("D04", "建立竞争队手分析", "MK506"),
    ("D04", "建立竞争队手分析", "MK506"),  # 竞争队手 ×2
    *[
        ("D04", start, "MK514")  # '.' between Chinese words (seed analysis Q07: 年度.季度.月度)
        for start in ("公司的国内市场营销由副总经理", "营销计划管理,主要包括年度.季度", "产品议价定价管理.主要包括")
        + ("营销创新管理.营销工作", "客户关系与特殊服务管理.", "营销渠道管理.主要包括", "进行市场信息收集、市场分析.")
        + ("给产品准确的市场定位.", "营销策略.技巧")
    ],
    ("D05", "课程定价管理,主要包括", "MK503"),  # 新课程推出 定价管理
    ("D05", "广告管理,主要包括", "MK503"),  # 具体广告 发布
    ("D05", "合作关系管理,主要包括", "MK503"),  # 合作院校人 员接待
    ("D05", "市场部经理一名 平 面设计一名", "MK503"),  # the flattened chart: 平 面设计, 咨询 师
    ("D09", "具体的工作职能包括市场研究, 产品 规划", "MK503"),
    ("D09", "市场部 市场总监 (1人) 市场推广 经理", "MK503"),
    ("D09", "自媒体/平面 设计", "MK503"),
    ("D10", "1、5年以上电子商务", "MK501"),  # 岗位要求 1、 kept in the text
    ("D10", "1、3年以上电子商务", "MK501"),
    ("D10", "丰富的的管理经验", "MK505"),
    *[
        ("D11", blank, "MK502")  # the quiz's _________ blanks
        for blank in ("企业的", "现代", "市场营销管理", "制定实施", "“组织”", "设置__", "设置市场")
        + ("满足", "__________是", "市场营销计划的提要", "市场营销则是")
    ],
    ("D16", "负责公司市场营销策略的研究", "MK512"),  # 媒介\广告\公关
    ("D16", "编织公司年度广告预算", "MK506"),
    ("D16", "有效的新闻公关运做", "MK506"),
    ("D16", "负责各项广告费用(展台、赠品、样机、物料等)的审批、监控工", "MK510"),
    ("D17", "参和集团公司经营管理计划", "MK506"),
    ("D17", "参和新建项目的前期规划", "MK506"),
    ("D17", "参和讨论项目营销推广策略", "MK506"),
    ("D18", "大体上,市场营销组织的有很多类型", "MK506"),  # 线面介绍
    ("D18", "多头领导。帧于权责划分不清楚", "MK506"),
    ("D19", "制定订产品管理", "MK506"),
    ("D19", "应收账款的催收 财务部配合 做好销售备 用金", "MK503"),  # a flattened table cell
    ("D20", "20世纪30年代以前,西方企业以生立观念", "MK506"),
]


def _write_org(root: Path) -> Path:
    (root / "departments").mkdir(parents=True)
    (root / "roles").mkdir()
    (root / "org.yaml").write_text("name: 种子语料\n", encoding="utf-8")
    (root / "departments" / "company.yaml").write_text("name: 公司\nexternal: true\n", encoding="utf-8")
    for doc, sentences in SENTENCES.items():
        (root / "departments" / f"{doc}.yaml").write_text(f"name: 部门{doc}\nparent: company\n", encoding="utf-8")
        lines = [f"title: 岗位{doc}", f"department: {doc}", "external: true", "duties:"]
        lines += [f"  - {json.dumps(s, ensure_ascii=False)}" for s in sentences]
        assert len(lines) == FIRST_DUTY_LINE - 1 + len(sentences)
        (root / "roles" / f"{doc}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_seed_sentences_raise_only_their_real_defects(tmp_path: Path) -> None:
    result = lint(load_org(_write_org(tmp_path / "seed")))
    found: Counter[tuple[str, str, str]] = Counter()
    for d in result.diagnostics:
        if not d.code.startswith("MK5") or d.code == "MK504":  # half-width punctuation is everywhere (info)
            continue
        doc = Path(d.file).stem
        sentence = SENTENCES[doc][d.line - FIRST_DUTY_LINE]
        known = [start for where, start, code in REAL_DEFECTS if (where, code) == (doc, d.code)]
        found[doc, next((k for k in known if sentence.startswith(k)), sentence), d.code] += 1
    assert found == Counter(REAL_DEFECTS)


def test_every_known_defect_names_one_sentence() -> None:
    for doc, start, _ in REAL_DEFECTS:
        assert sum(s.startswith(start) for s in SENTENCES[doc]) == 1, (doc, start)
