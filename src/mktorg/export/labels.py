"""Section labels of the documents, in Chinese and English."""

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "jd": "岗位说明书", "title": "岗位名称", "department": "所属部门", "reports_to": "直接上级",
        "reports": "直接下级", "dotted": "虚线汇报", "headcount": "编制人数", "level": "岗位级别",
        "employment": "用工形式", "status": "岗位状态", "summary": "职位概要", "duties": "工作职责",
        "primary": "主要职责", "supporting": "辅助职责", "supports": "协助", "authorities": "权限",
        "qualifications": "任职资格", "education": "学历", "majors": "专业", "experience": "工作经验",
        "knowledge": "专业知识", "skills": "技能", "scope": "业务了解范围", "other": "其他", "kpis": "考核指标",
        "kpi": "指标", "weight": "权重", "target": "目标值", "cycle": "考核周期", "item": "项目", "content": "内容",
        "handbook": "部门职能说明书", "name": "部门名称", "parent": "上级部门", "head": "部门负责人",
        "mission": "部门定位", "budget": "人数/编制", "functions": "职能分解表", "function": "职能",
        "description": "职能说明", "carried_by": "承担岗位", "unassigned": "（无人承担）", "roles": "岗位设置",
        "book": "组织架构与岗位说明书", "toc": "目录", "chart": "组织架构图", "processes": "流程",
        "step": "步骤", "phase": "阶段", "responsible": "负责(R)", "accountable": "审批(A)",
        "consulted": "协助(C)", "informed": "知会(I)", "key_points": "业务要点", "owner": "流程负责人",
        "none": "无", "vacant": "空缺", "optional": "可选岗位", "page": "第 {} 页",
        "full_time": "全职", "part_time": "兼职", "intern": "实习", "outsourced": "外包",
        "monthly": "月度", "quarterly": "季度", "yearly": "年度", "per-project": "按项目",
        "years": "{}年以上", "variable": "若干（N）", "people": "{}人",
    },
    "en": {
        "jd": "Job Description", "title": "Position", "department": "Department", "reports_to": "Reports to",
        "reports": "Direct reports", "dotted": "Dotted line to", "headcount": "Headcount", "level": "Level",
        "employment": "Employment", "status": "Status", "summary": "Summary", "duties": "Duties",
        "primary": "Primary duties", "supporting": "Supporting duties", "supports": "supports",
        "authorities": "Authorities", "qualifications": "Qualifications", "education": "Education",
        "majors": "Majors", "experience": "Experience", "knowledge": "Knowledge", "skills": "Skills",
        "scope": "Business knowledge", "other": "Other", "kpis": "KPIs", "kpi": "KPI", "weight": "Weight",
        "target": "Target", "cycle": "Cycle", "item": "Item", "content": "Content",
        "handbook": "Department Handbook", "name": "Department", "parent": "Parent department",
        "head": "Head", "mission": "Mission", "budget": "People / budget", "functions": "Function breakdown",
        "function": "Function", "description": "Description", "carried_by": "Carried out by",
        "unassigned": "(nobody)", "roles": "Positions", "book": "Organisation and Job Descriptions",
        "toc": "Contents", "chart": "Organisation chart", "processes": "Processes", "step": "Step",
        "phase": "Phase", "responsible": "Responsible (R)", "accountable": "Approves (A)",
        "consulted": "Consulted (C)", "informed": "Informed (I)", "key_points": "Key points",
        "owner": "Process owner", "none": "none", "vacant": "vacant", "optional": "optional position",
        "page": "Page {}", "full_time": "full-time", "part_time": "part-time", "intern": "intern",
        "outsourced": "outsourced", "monthly": "monthly", "quarterly": "quarterly", "yearly": "yearly",
        "per-project": "per project", "years": "{}+ years", "variable": "variable (N)", "people": "{}",
    },
}


def labels_for(lang: str) -> dict[str, str]:
    """The labels for a language; English for anything but Chinese."""
    return LABELS["zh"] if lang.startswith("zh") else LABELS["en"]
