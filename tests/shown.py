"""What the README and the pages of docs/ show: the blocks of output after a command, wherever a page shows it, so
that the tests that compare a shown output with what the command prints now follow the output to its page."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))


def blocks_after(first_line: str) -> list[list[str]]:
    """The lines after ``first_line`` up to the end of its code block, in every page that shows it (at least one:
    a command that no page shows any more is a stale test)."""
    found = []
    for page in PAGES:
        for part in page.read_text().split(first_line + "\n")[1:]:
            found.append(part.split("\n```", 1)[0].split("\n"))
    assert found, f"no page shows {first_line!r}"
    return found


def text() -> str:
    """Every page, one after another."""
    return "\n".join(page.read_text() for page in PAGES)
