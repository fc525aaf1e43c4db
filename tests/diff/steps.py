"""A sequence of commits on the bundled organisation, one kind of change per commit."""

from tests.diff.gitrepo import Edit, replace

TELESALES = """title: {zh: 电话销售专员, en: Telesales Specialist}
department: sales
reports_to: sales-manager
headcount: {min: 1, max: 3}
level: 专员
duties:
  - 通过电话开发新客户并完成个人销售指标
  - 完成上级交办的其他工作
"""

MARKET_ANALYST = """title: {zh: 市场数据分析专员, en: Market Data Analyst}
department: market-research
reports_to: research-supervisor
dotted_to: [sales-manager]
level: 专员
duties:
  - text: 建立销售与市场数据报表，维护营销信息系统数据
    type: supporting
    supports: research-supervisor
    function: forecasting
  - 按月编制销售数据分析报告，提交销售部经理审阅
  - 完成上级交办的其他工作
qualifications:
  education: 大学本科及以上
  majors: [统计学, 计算机]
  skills: [SQL, 数据可视化]
"""

TELESALES_TEAM = """name: {zh: 电话销售组, en: Telesales Team}
parent: sales
head: telesales
"""

FORECASTING = """  - id: forecasting
    name: {zh: 市场预测与营销信息系统, en: Forecasting and marketing information}
    description: 市场预测与决策支持，营销信息系统的建立与管理
"""

STEPS: list[tuple[str, dict[str, Edit]]] = [
    (
        "roles",  # added, removed, renamed (file and title), moved to another department
        {
            "roles/sales/telesales.yaml": TELESALES,
            "roles/market/pricing-specialist.yaml": None,
            "roles/market/data-analyst.yaml": None,
            "roles/market/market-analyst.yaml": MARKET_ANALYST,
            "roles/market/market-planner.yaml": replace(
                "department: market",
                "department: brand-promotion",
                "reports_to: market-manager",
                "reports_to: promotion-supervisor",
                "function: strategy",
                "function: market/strategy",
                "function: promotion",
                "function: market/promotion",
            ),
        },
    ),
    (
        "departments",  # added, removed, renamed (file and name), moved to another parent
        {
            "departments/telesales-team.yaml": TELESALES_TEAM,
            "roles/sales/telesales.yaml": replace("department: sales", "department: telesales-team"),
            "departments/market-research.yaml": None,
            "departments/market.yaml": lambda text: text + FORECASTING,
            "roles/market/research-supervisor.yaml": replace("department: market-research", "department: market"),
            "roles/market/research-specialist.yaml": replace("department: market-research", "department: market"),
            "roles/market/market-analyst.yaml": replace("department: market-research", "department: market"),
            "departments/channel.yaml": None,
            "departments/channel-mgmt.yaml": "name: {zh: 渠道管理部, en: Channel Department}\n"
            "parent: sales\nhead: channel-supervisor\n",
            "roles/sales/channel-supervisor.yaml": replace("department: channel", "department: channel-mgmt"),
            "roles/sales/channel-specialist.yaml": replace("department: channel", "department: channel-mgmt"),
            "roles/sales/store-manager.yaml": replace("department: channel", "department: channel-mgmt"),
            "departments/customer-service.yaml": replace("parent: sales", "parent: marketing-sales"),
            "roles/sales/customer-service-supervisor.yaml": replace(
                "reports_to: sales-manager", "reports_to: marketing-director"
            ),
        },
    ),
    (
        "lines",  # reporting and dotted lines, headcount (ranges and N), budgets
        {
            "roles/sales/sales-rep.yaml": replace(
                "reports_to: regional-sales-supervisor",
                "reports_to: sales-manager",
                "headcount: 6",
                "headcount: {min: 6, max: 8}",
            ),
            "roles/market/market-analyst.yaml": replace(
                "dotted_to: [sales-manager]", "dotted_to: [channel-supervisor]"
            ),
            "roles/market/promotion-staff.yaml": replace("headcount: N", "headcount: 4"),
            "departments/sales.yaml": replace("headcount_budget: 20", "headcount_budget: 24"),
            "departments/market.yaml": replace("headcount_budget: 14\n", ""),
        },
    ),
    (
        "grades",  # levels, pay grades, vacancy
        {
            "org.yaml": replace(
                "levels: [总经理, 总监, 经理, 主管, 专员]",
                "levels: [总经理, 总监, 经理, 副经理, 主管, 专员]\n"
                "grades:\n  g1: {name: 专员级, min: 5000, max: 8000}\n  g2: {name: 主管级, min: 9000, max: 14000}",
            ),
            "roles/sales/sales-admin.yaml": replace("level: 专员", "level: 主管"),
            "roles/sales/sales-rep.yaml": replace("level: 专员", "level: 专员\ngrade: g1"),
            "roles/sales/key-account-manager.yaml": replace(
                "vacant: true            # 空缺: approved, being recruited\n", ""
            ),
            "roles/sales/telesales.yaml": replace("level: 专员", "level: 专员\nvacant: true"),
        },
    ),
    (
        "duties",  # duties added, removed, reworded, moved; authorities, KPI weights, qualifications
        {
            "roles/sales/customer-service-specialist.yaml": replace(
                "  - 回访客户并记录服务反馈\n", "", "协助销售人员制作订单、跑单", "协助销售人员制作订单、跟单"
            ),
            "roles/sales/sales-rep.yaml": replace(
                "  - 完成上级交办的其他工作", "  - 回访客户并记录服务反馈\n  - 完成上级交办的其他工作"
            ),
            "roles/sales/sales-admin.yaml": replace(
                "  - 完成上级交办的其他工作", "  - 负责客户信用额度的登记与跟踪\n  - 完成上级交办的其他工作"
            ),
            "roles/marketing/marketing-assistant.yaml": replace("  - 负责营销人员差旅费报销单据的初审\n", ""),
            "roles/sales/channel-supervisor.yaml": replace(
                "  - 渠道政策执行的检查权",
                "  - 渠道促销费用的审核权",
                "weight: 40",
                "weight: 50",
                "weight: 60",
                "weight: 50",
            ),
            "roles/sales/key-account-manager.yaml": replace(
                "education: 大学本科及以上", "education: 本科及以上", "experience_years: 3", "experience_years: 5"
            ),
        },
    ),
    (
        "process",  # steps added, removed, renamed; R/A/C/I; owner
        {
            "processes/new-business.yaml": replace(
                "owner: market-manager",
                "owner: marketing-director",
                "  - id: approval\n    name: 项目立项\n    phase: 项目调研\n    responsible: [market-manager]\n"
                "    accountable: marketing-director\n",
                "",
                "    consulted: [pricing-specialist, sales-manager]\n",
                "    consulted: [sales-manager]\n",
                "参与人员和试点预算\n",
                "参与人员和试点预算\n  - id: budget\n    name: 编制项目预算\n    phase: 项目设计\n"
                "    responsible: [market-planner]\n    accountable: marketing-director\n",
                "    name: 项目评审\n",
                "    name: 项目评审会\n",
                "    consulted: [regional-sales-supervisor]",
                "    consulted: [regional-sales-supervisor, channel-supervisor]",
                "    informed: [customer-service-supervisor, channel-supervisor]",
                "    informed: [customer-service-supervisor]",
            ),
        },
    ),
    (
        "format",  # comments, quoting, flow and block style, key order: no change in business terms
        {
            "roles/sales/sales-admin.yaml": replace(
                "title: {zh: 销售内勤, en: Sales Administrator}\ndepartment: sales",
                "# 销售内勤: reviewed in the workshop\ndepartment: 'sales'\n"
                'title:\n  zh: 销售内勤\n  en: "Sales Administrator"',
            ),
            "departments/sales.yaml": replace("headcount_budget: 24", "headcount_budget: 24   # 编制"),
        },
    ),
    (
        "broken",  # a file that is not YAML: the rest still compares, the findings say why
        {
            "roles/sales/store-manager.yaml": replace(
                "title: {zh: 直营店店长, en: Store Manager}", "title: {zh: 直营店店长"
            )
        },
    ),
]
