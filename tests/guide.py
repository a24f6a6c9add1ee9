"""What EDITING.md tells editors: its commands, and the build messages it explains."""

from __future__ import annotations

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
    return re.sub(r"\d+(\.\d+)?", "N", text)


_PROBLEMS = GUIDE[GUIDE.index("## When the build finds a problem"):]
_EXPLAINED = [_shape(snippet) for snippet in re.findall(r"^\| `([^`]+)` \|", _PROBLEMS, re.M)]


def explains(message: str) -> bool:
    """Whether the guide's tables explain this build message."""
    shape = _shape(message)
    return any(snippet in shape for snippet in _EXPLAINED)
