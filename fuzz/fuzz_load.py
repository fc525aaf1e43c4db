"""Coverage-guided fuzzing of the parser and loader with atheris (`make fuzz`).

Each input becomes a role file of a small organisation; loading, linting, charting and
describing it must end in a report, never an exception.
"""

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from mktorg.lint.engine import lint
    from mktorg.load.loader import load_org
    from mktorg.render.chart.dot import ChartOptions, build_dot
    from mktorg.render.layout import job_description_document
    from mktorg.render.markdown import render_markdown

BASE = {
    "org.yaml": "name: 模糊测试\n",
    "departments/dept.yaml": "name: 市场部\nhead: boss\n",
    "roles/boss.yaml": "title: 经理\ndepartment: dept\nduties: [负责]\n",
}


def one_input(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for rel, text in BASE.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        (root / "roles" / "fuzz.yaml").write_bytes(data)
        loaded = load_org(root)
        lint(loaded)
        build_dot(loaded.org, ChartOptions())
        for role_id in loaded.org.roles:
            render_markdown(job_description_document(loaded.org, role_id))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
