"""The chart's README.md from its values.yaml: the walkthrough in README.md.tmpl, then one
table per ``## @section`` with every ``## @param key description`` and its default.

    python tools/helm_readme.py          rewrite deploy/helm/newsroom/README.md
    python tools/helm_readme.py --check  fail when README.md is stale or a value has no @param
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

CHART = Path(__file__).resolve().parent.parent / "deploy/helm/newsroom"
PARAM = re.compile(r"^\s*## @param (\S+) (.*)$")
SECTION = re.compile(r"^\s*## @section (.*)$")
# Leaves documented as a whole (free-form maps and lists).
WHOLE = ("podSecurityContext", "containerSecurityContext")


def lookup(values: dict[str, Any], key: str) -> Any:
    node: Any = values
    for part in key.split("."):
        node = node[part]
    return node


def leaves(node: Any, prefix: str = "") -> list[str]:
    if isinstance(node, dict) and node and not prefix.endswith(WHOLE):
        found = []
        for key, value in node.items():
            found += leaves(value, f"{prefix}.{key}" if prefix else key)
        return found
    return [prefix]


def render() -> tuple[str, list[str]]:
    text = (CHART / "values.yaml").read_text()
    values = yaml.safe_load(text)
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    documented = set()
    for line in text.splitlines():
        if match := SECTION.match(line):
            sections.append((match.group(1), []))
        elif match := PARAM.match(line):
            key, description = match.groups()
            documented.add(key)
            sections[-1][1].append((key, description))
    missing = []
    for leaf in leaves(values):
        # a map documented as one value (resources, upstreams, env...) covers its leaves
        if not any(leaf == d or leaf.startswith(d + ".") for d in documented):
            missing.append(leaf)
    out = [(CHART / "README.md.tmpl").read_text().rstrip(), "", "## Parameters", ""]
    for title, params in sections:
        out += [f"### {title}", "", "| Name | Description | Default |", "| --- | --- | --- |"]
        for key, description in params:
            default = json.dumps(lookup(values, key), ensure_ascii=False)
            out.append(f"| `{key}` | {description} | `{default}` |")
        out.append("")
    return "\n".join(out), missing


def main() -> int:
    readme, missing = render()
    if missing:
        print(f"values without a ## @param line: {', '.join(missing)}", file=sys.stderr)
        return 1
    target = CHART / "README.md"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text() != readme:
            print(
                "deploy/helm/newsroom/README.md is stale: run python tools/helm_readme.py",
                file=sys.stderr,
            )
            return 1
        return 0
    target.write_text(readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
