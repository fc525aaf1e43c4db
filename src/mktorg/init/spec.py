"""The archetype templates as data: departments, roles, duties; every text in Chinese and English."""

from dataclasses import dataclass, field

T = tuple[str, str]
"""A text as (Chinese, English)."""

LEVELS: tuple[T, ...] = (
    ("总经理", "Executive"),
    ("总监", "Director"),
    ("经理", "Manager"),
    ("主管", "Supervisor"),
    ("专员", "Specialist"),
)


@dataclass(frozen=True)
class Dept:
    """A department of a template."""

    id: str
    name: T
    head: str
    parent: str | None = None
    functions: tuple[tuple[str, T], ...] = ()
    external: bool = False


@dataclass(frozen=True)
class Role:
    """A role of a template; duties are (text, function id or None)."""

    id: str
    title: T
    department: str
    reports_to: str | None = None
    level: str | None = None
    headcount: int | str = 1
    duties: tuple[tuple[T, str | None], ...] = ()
    authorities: tuple[T, ...] = ()
    kpis: tuple[tuple[T, int], ...] = ()
    dotted_to: tuple[str, ...] = ()
    external: bool = False


@dataclass(frozen=True)
class Template:
    """One archetype."""

    archetype: str
    name: T
    about: str
    departments: tuple[Dept, ...]
    roles: tuple[Role, ...] = field(default_factory=tuple)


CATCH_ALL: tuple[T, None] = (("完成上级交办的其他工作", "Other tasks assigned by the manager"), None)
MANAGER_AUTHORITIES: tuple[T, ...] = (
    ("本部门内部工作的分配权及管理权", "Assign and manage the work of the team"),
    ("对本部门员工提出奖励、处分意见及考核意见", "Propose rewards, discipline and appraisals for the team"),
)
GM = Role("general-manager", ("总经理", "General Manager"), "executive", level="总经理", external=True)
EXECUTIVE = Dept("executive", ("总经理办公室", "Executive Office"), "general-manager", external=True)


def _member(
    rid: str,
    title: T,
    dept: str,
    boss: str,
    level: str,
    duty: T,
    headcount: int | str = 1,
    dotted_to: tuple[str, ...] = (),
) -> Role:
    """A team member with one duty besides the catch-all."""
    return Role(rid, title, dept, boss, level, headcount, duties=((duty, None), CATCH_ALL), dotted_to=dotted_to)


def _manager_kpis(first: T) -> tuple[tuple[T, int], ...]:
    return ((first, 60), (("费用预算控制率", "Budget adherence"), 40))


FUNCTIONAL = Template(
    "functional",
    ("市场营销部（职能型）", "Marketing Department (functional)"),
    "职能型: one manager per marketing function under the marketing director.",
    (
        EXECUTIVE,
        Dept(
            "marketing",
            ("市场营销部", "Marketing"),
            "marketing-director",
            functions=(
                ("research", ("市场调研管理", "Market research")),
                ("advertising", ("广告与促销管理", "Advertising and promotion")),
                ("sales", ("销售管理", "Sales management")),
                ("new-products", ("新产品管理", "New products")),
                ("service", ("客户服务管理", "Customer service")),
            ),
        ),
    ),
    (
        GM,
        Role(
            "marketing-director",
            ("营销总监", "Marketing Director"),
            "marketing",
            "general-manager",
            "总监",
            duties=(
                (("制定营销战略与年度营销计划，并组织实施", "Set the marketing strategy and annual plan"), None),
                (("指导、监督和考核各职能经理的工作", "Lead, supervise and appraise the function managers"), None),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
            kpis=_manager_kpis(("年度销售目标达成率", "Annual sales target")),
        ),
        *(
            Role(
                rid,
                title,
                "marketing",
                "marketing-director",
                "经理",
                duties=(
                    (duty, fid),
                    ((f"编制{title[0]}的年度工作计划与预算", f"Plan and budget the year ({title[1]})"), None),
                    CATCH_ALL,
                ),
            )
            for rid, title, duty, fid in (
                (
                    "research-manager",
                    ("市场调研经理", "Market Research Manager"),
                    ("组织市场调研与预测，编制调研报告", "Run market research and forecasts"),
                    "research",
                ),
                (
                    "advertising-manager",
                    ("广告与促销经理", "Advertising & Promotion Manager"),
                    ("制定广告与促销方案并组织实施", "Plan and run advertising and promotions"),
                    "advertising",
                ),
                (
                    "sales-manager",
                    ("销售经理", "Sales Manager"),
                    ("制定销售计划，管理销售合同与回款", "Plan sales, manage contracts and collections"),
                    "sales",
                ),
                (
                    "new-product-manager",
                    ("新产品经理", "New Product Manager"),
                    ("组织新产品的市场论证与上市", "Evaluate and launch new products"),
                    "new-products",
                ),
                (
                    "service-manager",
                    ("客户服务经理", "Customer Service Manager"),
                    ("制定客户服务政策，处理客户投诉", "Set service policy and resolve complaints"),
                    "service",
                ),
            )
        ),
    ),
)


GEOGRAPHIC = Template(
    "geographic",
    ("全国销售网络（地理型）", "National Sales Network (geographic)"),
    "地理型: 1名负责全国销售业务的销售经理,若干名区域销售经理、地区销售经理和地方销售经理.",
    (
        EXECUTIVE,
        Dept(
            "national",
            ("全国销售部", "National Sales"),
            "national-sales-manager",
            functions=(("national-plan", ("全国销售计划", "National sales planning")),),
        ),
        Dept(
            "east",
            ("华东区域", "East Region"),
            "east-manager",
            "national",
            functions=(("region-plan", ("区域销售管理", "Regional sales management")),),
        ),
        Dept(
            "south",
            ("华南区域", "South Region"),
            "south-manager",
            "national",
            functions=(("region-plan", ("区域销售管理", "Regional sales management")),),
        ),
        Dept(
            "shanghai",
            ("上海地区", "Shanghai District"),
            "shanghai-manager",
            "east",
            functions=(("district-sales", ("地区销售", "District sales")),),
        ),
        Dept(
            "jiangsu",
            ("江苏地区", "Jiangsu District"),
            "jiangsu-manager",
            "east",
            functions=(("district-sales", ("地区销售", "District sales")),),
        ),
    ),
    (
        GM,
        Role(
            "national-sales-manager",
            ("全国销售经理", "National Sales Manager"),
            "national",
            "general-manager",
            "总监",
            duties=(
                (("制定全国销售计划，分解区域销售目标", "Set the national plan and regional targets"), "national-plan"),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
            kpis=_manager_kpis(("全国销售目标达成率", "National sales target")),
        ),
        Role(
            "east-manager",
            ("华东区域销售经理", "East Regional Sales Manager"),
            "east",
            "national-sales-manager",
            "经理",
            duties=(
                (("管理华东区域的销售计划与执行", "Manage the East region's sales plan"), "region-plan"),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
            kpis=_manager_kpis(("区域销售目标达成率", "Regional sales target")),
        ),
        Role(
            "south-manager",
            ("华南区域销售经理", "South Regional Sales Manager"),
            "south",
            "national-sales-manager",
            "经理",
            duties=(
                (("管理华南区域的销售计划与执行", "Manage the South region's sales plan"), "region-plan"),
                (("开发华南地方市场", "Develop local markets in the South"), None),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
        ),
        Role(
            "south-rep",
            ("华南销售代表", "South Sales Representative"),
            "south",
            "south-manager",
            "专员",
            3,
            duties=(
                (("拜访华南客户，完成个人销售指标", "Visit customers in the South, meet targets"), None),
                CATCH_ALL,
            ),
        ),
        Role(
            "shanghai-manager",
            ("上海地区销售经理", "Shanghai District Sales Manager"),
            "shanghai",
            "east-manager",
            "主管",
            duties=((("完成上海地区销售任务", "Deliver the Shanghai district's sales"), "district-sales"), CATCH_ALL),
            authorities=MANAGER_AUTHORITIES,
        ),
        Role(
            "jiangsu-manager",
            ("江苏地区销售经理", "Jiangsu District Sales Manager"),
            "jiangsu",
            "east-manager",
            "主管",
            duties=((("完成江苏地区销售任务", "Deliver the Jiangsu district's sales"), "district-sales"), CATCH_ALL),
            authorities=MANAGER_AUTHORITIES,
        ),
        Role(
            "local-manager",
            ("地方销售经理（上海）", "Local Sales Manager (Shanghai)"),
            "shanghai",
            "shanghai-manager",
            "专员",
            4,
            duties=((("开发与维护上海地方客户", "Develop and keep local customers in Shanghai"), None), CATCH_ALL),
        ),
        Role(
            "jiangsu-local-manager",
            ("地方销售经理（江苏）", "Local Sales Manager (Jiangsu)"),
            "jiangsu",
            "jiangsu-manager",
            "专员",
            3,
            duties=((("开发与维护江苏地方客户", "Develop and keep local customers in Jiangsu"), None), CATCH_ALL),
        ),
    ),
)


PRODUCT_MANAGER_DUTIES: tuple[tuple[T, str | None], ...] = (
    (("发展产品的长期经营和竞争战略", "Develop the product's long-term strategy"), "product-strategy"),
    (("编制年度市场营销计划和进行销售预测", "Write the annual marketing plan and sales forecast"), None),
    (
        (
            "与广告代理商和经销代理商一起研究广告的文稿设计、节目方案和宣传活动",
            "Work with advertising and distribution agents on copy and campaigns",
        ),
        None,
    ),
    (("激励推销人员和经销商经营该产品的兴趣", "Keep sales people and dealers interested in the product"), None),
    (("搜集产品、市场情报，进行统计分析", "Gather product and market intelligence and analyse it"), None),
    (("倡导新产品开发", "Champion new product development"), None),
)

PRODUCT = Template(
    "product",
    ("产品市场营销部（产品型）", "Product Marketing (product)"),
    "产品型: 由一名产品市场营销经理负责,下设几个产品线经理,产品线经理之下再设几个具体产品经理.",
    (
        EXECUTIVE,
        Dept(
            "product-marketing",
            ("产品市场营销部", "Product Marketing"),
            "product-marketing-manager",
            functions=(
                ("portfolio", ("产品组合管理", "Portfolio management")),
                ("product-strategy", ("产品经营策略", "Product strategy")),
            ),
        ),
    ),
    (
        GM,
        Role(
            "product-marketing-manager",
            ("产品市场营销经理", "Product Marketing Manager"),
            "product-marketing",
            "general-manager",
            "总监",
            duties=(
                (
                    (
                        "制定产品开发计划，并付诸执行，监测其结果和采取改进措施",
                        "Set the product plan, run it, monitor results and correct course",
                    ),
                    "portfolio",
                ),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
            kpis=_manager_kpis(("产品线销售目标达成率", "Product-line sales")),
        ),
        Role(
            "line-manager-a",
            ("产品线经理（家用）", "Product Line Manager (home)"),
            "product-marketing",
            "product-marketing-manager",
            "经理",
            duties=((("管理家用产品线的产品经理与产品组合", "Manage the home line's products"), None), CATCH_ALL),
            authorities=MANAGER_AUTHORITIES,
        ),
        Role(
            "line-manager-b",
            ("产品线经理（商用）", "Product Line Manager (business)"),
            "product-marketing",
            "product-marketing-manager",
            "经理",
            duties=((("管理商用产品线的产品经理与产品组合", "Manage the business line's products"), None), CATCH_ALL),
            authorities=MANAGER_AUTHORITIES,
        ),
        *(
            Role(
                rid,
                title,
                "product-marketing",
                boss,
                "主管",
                duties=(
                    *((((text[0] + suffix[0]), text[1] + suffix[1]), fid) for text, fid in PRODUCT_MANAGER_DUTIES),
                    CATCH_ALL,
                ),
            )
            for rid, title, boss, suffix in (
                (
                    "product-manager-a1",
                    ("产品经理（空调）", "Product Manager (air conditioners)"),
                    "line-manager-a",
                    ("（空调）", " (air conditioners)"),
                ),
                (
                    "product-manager-a2",
                    ("产品经理（冰箱）", "Product Manager (refrigerators)"),
                    "line-manager-a",
                    ("（冰箱）", " (refrigerators)"),
                ),
                (
                    "product-manager-b1",
                    ("产品经理（商用空调）", "Product Manager (commercial AC)"),
                    "line-manager-b",
                    ("（商用空调）", " (commercial AC)"),
                ),
                (
                    "product-manager-b2",
                    ("产品经理（冷链）", "Product Manager (cold chain)"),
                    "line-manager-b",
                    ("（冷链）", " (cold chain)"),
                ),
            )
        ),
    ),
)


MARKET = Template(
    "market",
    ("市场开发部（市场型）", "Market Development (market)"),
    "市场型: 一名市场主管经理管理几名市场经理(市场经理又称市场开发经理、市场专家和行业专家).",
    (
        EXECUTIVE,
        Dept(
            "markets",
            ("市场开发部", "Market Development"),
            "market-head",
            functions=(("segments", ("细分市场开发", "Segment development")),),
        ),
    ),
    (
        GM,
        Role(
            "market-head",
            ("市场主管经理", "Head of Markets"),
            "markets",
            "general-manager",
            "总监",
            duties=(
                (
                    ("确定目标细分市场，协调各市场经理的工作", "Choose target segments, coordinate market managers"),
                    "segments",
                ),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
            kpis=_manager_kpis(("市场占有率增长", "Market-share growth")),
        ),
        *(
            Role(
                rid,
                title,
                "markets",
                "market-head",
                "经理",
                duties=(
                    ((f"制定{title[0]}的年度市场开发计划", f"Plan the year for: {title[1]}"), None),
                    ((f"提升{title[0]}的市场占有率", f"Grow share in: {title[1]}"), None),
                    CATCH_ALL,
                ),
                kpis=((("市场占有率增长", "Market-share growth"), 70), (("客户满意度", "Customer satisfaction"), 30)),
            )
            for rid, title in (
                ("retail-market-manager", ("零售市场经理", "Retail Market Manager")),
                ("industry-market-manager", ("行业客户市场经理", "Industry Market Manager")),
                ("government-market-manager", ("政府市场经理", "Public Sector Market Manager")),
            )
        ),
    ),
)


MATRIX = Template(
    "matrix",
    ("市场营销部（产品/市场型）", "Marketing (product/market matrix)"),
    "产品/市场型: product managers report to the product line; market managers to the markets head, with dotted lines.",
    (
        EXECUTIVE,
        Dept(
            "marketing",
            ("市场营销部", "Marketing"),
            "marketing-director",
            functions=(("strategy", ("营销战略", "Marketing strategy")),),
        ),
        Dept(
            "products",
            ("产品管理部", "Product Management"),
            "products-head",
            "marketing",
            functions=(("products", ("产品管理", "Product management")),),
        ),
        Dept(
            "markets",
            ("市场管理部", "Market Management"),
            "markets-head",
            "marketing",
            functions=(("markets", ("市场管理", "Market management")),),
        ),
    ),
    (
        GM,
        Role(
            "marketing-director",
            ("营销总监", "Marketing Director"),
            "marketing",
            "general-manager",
            "总监",
            duties=(
                (
                    ("制定营销战略，协调产品与市场两条线", "Set strategy, arbitrate between products and markets"),
                    "strategy",
                ),
                CATCH_ALL,
            ),
            authorities=MANAGER_AUTHORITIES,
            kpis=_manager_kpis(("年度销售目标达成率", "Annual sales target")),
        ),
        Role(
            "products-head",
            ("产品管理经理", "Head of Products"),
            "products",
            "marketing-director",
            "经理",
            duties=((("管理产品组合与产品经理", "Manage the portfolio and product managers"), "products"), CATCH_ALL),
            authorities=MANAGER_AUTHORITIES,
        ),
        Role(
            "markets-head",
            ("市场管理经理", "Head of Markets"),
            "markets",
            "marketing-director",
            "经理",
            duties=((("管理目标市场与市场经理", "Manage target markets and market managers"), "markets"), CATCH_ALL),
            authorities=MANAGER_AUTHORITIES,
        ),
        *(
            _member(rid, title, dept, boss, "主管", duty, dotted_to=(other,))
            for rid, title, dept, boss, duty, other in (
                (
                    "product-manager-1",
                    ("产品经理（A产品）", "Product Manager (product A)"),
                    "products",
                    "products-head",
                    ("制定A产品的营销计划", "Plan the marketing of product A"),
                    "market-manager-1",
                ),
                (
                    "product-manager-2",
                    ("产品经理（B产品）", "Product Manager (product B)"),
                    "products",
                    "products-head",
                    ("制定B产品的营销计划", "Plan the marketing of product B"),
                    "market-manager-2",
                ),
                (
                    "market-manager-1",
                    ("市场经理（零售）", "Market Manager (retail)"),
                    "markets",
                    "markets-head",
                    ("开发零售市场", "Develop the retail market"),
                    "product-manager-1",
                ),
                (
                    "market-manager-2",
                    ("市场经理（行业）", "Market Manager (industry)"),
                    "markets",
                    "markets-head",
                    ("开发行业市场", "Develop the industry market"),
                    "product-manager-2",
                ),
            )
        ),
    ),
)

TEMPLATES = {t.archetype: t for t in (FUNCTIONAL, GEOGRAPHIC, PRODUCT, MARKET, MATRIX)}
