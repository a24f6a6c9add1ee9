"""What EDITING.md tells editors: its commands, and the build messages it explains."""

from __future__ import annotations

import calendar
import re

from support import ROOT

GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    """Every command line in the guide's ```sh blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def _shape(text: str) -> str:
    # Quoted names, numbers and dates differ between the guide's example and a real message.
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "Q", text)
    text = re.sub("|".join(calendar.month_name[1:]), "M", text)
    return re.sub(r"\d+(\.\d+)?", "N", text)


_PROBLEMS = GUIDE[GUIDE.index("## When the build finds a problem"):]
# Each message the guide explains, as a pattern: "…" in the guide stands for any text.
_EXPLAINED = [re.compile(re.escape(_shape(snippet)).replace("…", ".*?"))
              for snippet in re.findall(r"^\| `([^`]+)` \|", _PROBLEMS, re.M)]


def explains(message: str) -> bool:
    """Whether the guide's tables explain this build message."""
    shape = _shape(message)
    return any(pattern.search(shape) for pattern in _EXPLAINED)
