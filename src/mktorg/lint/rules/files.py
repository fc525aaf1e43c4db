"""MK0xx: files and schema. The loader reports these; this module documents them."""

from mktorg.diagnostics import Severity
from mktorg.lint.registry import declare

LOAD_RULES = [
    (
        "MK001",
        "yaml-syntax",
        """The file is not valid YAML.

    Why: a file that does not parse holds no data; everything it defines is missing.
    Nesting deeper than 1,000 levels and aliases that expand past a million nodes are
    refused here too, so loading always ends quickly.

    Bad:
    ```yaml
    title: 市场部经理
      department: marketing
    ```

    Good:
    ```yaml
    title: 市场部经理
    department: marketing
    ```
    """,
    ),
    (
        "MK002",
        "duplicate-key",
        """A key appears twice in one mapping.

    Why: most YAML tools silently keep the last value, so half of what was written is lost.

    Bad:
    ```yaml
    title: 市场部经理
    title: 市场经理
    ```

    Good:
    ```yaml
    title: 市场部经理
    aliases: [市场经理]
    ```
    """,
    ),
    (
        "MK003",
        "not-utf8",
        """The file is not UTF-8 text.

    Why: a GBK file saved on Windows would be mis-decoded into garbage; mktorg refuses it and
    names the command that converts it.

    Bad: a file saved as GBK/GB18030.

    Good: the same file saved as UTF-8 (`iconv -f GB18030 -t UTF-8 in.yaml -o out.yaml`).
    """,
    ),
    (
        "MK004",
        "not-a-mapping",
        """The document is empty or not a mapping.

    Why: every file describes one department, role or process as `key: value` lines.

    Bad:
    ```yaml
    - 市场部经理
    ```

    Good:
    ```yaml
    title: 市场部经理
    department: marketing
    ```
    """,
    ),
    (
        "MK005",
        "unknown-key",
        """A key the format does not know (the hint names the closest known key).

    Why: a misspelt key (`reprots_to`) would otherwise be ignored and its value lost.

    Bad:
    ```yaml
    reprots_to: marketing-director
    ```

    Good:
    ```yaml
    reports_to: marketing-director
    ```
    """,
    ),
    (
        "MK006",
        "invalid-value",
        """A value of the wrong type or outside its allowed values.

    Why: `headcount: 两人` or `employment: 兼职` cannot be counted or rendered.

    Bad:
    ```yaml
    headcount: 两人
    employment: 兼职
    ```

    Good:
    ```yaml
    headcount: 2
    employment: part_time
    ```
    """,
    ),
    (
        "MK007",
        "missing-field",
        """A required key is absent.

    Why: a role without `title` or `department` cannot be charted or described.

    Bad:
    ```yaml
    department: marketing
    ```

    Good:
    ```yaml
    title: 市场专员
    department: marketing
    ```
    """,
    ),
    (
        "MK008",
        "bad-id",
        """`id:` differs from the file stem, or the stem is not a valid id.

    Why: the id of a file is its name; a different `id:` means one of the two is out of date.
    Ids are letters (any script), digits, `_` and `-`, starting with a letter or digit.

    Bad:
    ```yaml
    # roles/market-manager.yaml
    id: marketing-manager
    ```

    Good:
    ```yaml
    # roles/market-manager.yaml
    id: market-manager
    ```
    """,
    ),
    (
        "MK009",
        "duplicate-id",
        """Two files of one kind share an id (or ids that differ only by letter case).

    Why: `roles/a/planner.yaml` and `roles/b/Planner.yaml` would be the same role on a
    case-insensitive file system. Ids are compared after Unicode NFC normalisation.

    Bad: `roles/market/planner.yaml` and `roles/sales/planner.yaml`.

    Good: `roles/market/market-planner.yaml` and `roles/sales/sales-planner.yaml`.
    """,
    ),
    (
        "MK010",
        "yaml-tag",
        """A YAML tag is used.

    Why: tags such as `!!python/object` can make other YAML tools run code; mktorg files
    are plain data.

    Bad:
    ```yaml
    title: !!python/name:os.system 市场部经理
    ```

    Good:
    ```yaml
    title: 市场部经理
    ```
    """,
    ),
    (
        "MK011",
        "unreadable-file",
        """The file cannot be read.

    Why: a file without read permission, a link that leaves the organisation folder,
    something that is not a regular file, or a file over 10 MB is refused rather than
    half-read. (An addition to the format's catalogue.)

    Bad: `roles/x.yaml` is a link to `/etc/passwd`.

    Good: `roles/x.yaml` is a regular file inside the organisation folder.
    """,
    ),
]

for _code, _name, _doc in LOAD_RULES:
    declare(_code, _name, Severity.ERROR, _doc)
