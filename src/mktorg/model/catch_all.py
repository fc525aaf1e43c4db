"""The catch-all duty (完成上级交办的其他工作): documents list it last.

What was handed down counts only as work in general (交办的其他临时性工作, 交办的各项任务): a
specific duty that was assigned (落实总经理交办的市场推广方案) is a duty like any other.

Model knowledge shared by lint (MK305, MK302, MK511), diff and the renderers.
"""

import re

CATCH_ALL = re.compile(
    r"交办的(其他|其它|各项|各类|一切|相关)?(临时性?|日常)?(工作|事项|事务|事情|任务)"
    r"|(其他|其它)[^，,；;。、]{0,8}(工作|事项|事务|任务)[。;；.]?\s*$"
    r"|(?i:\bother\b[^.;]{0,40}\b(tasks?|duties|work)\b[^.;]{0,40}\bassigned\b|\bas assigned\b)"
)


def is_catch_all(text: str) -> bool:
    """Whether a duty is the catch-all (完成上级交办的其他工作)."""
    return ("其" in text or "交办" in text or "ssign" in text) and CATCH_ALL.search(text) is not None
