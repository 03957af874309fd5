"""Build the notebooks' plain-text sources into executed ``.ipynb`` files.

Each notebook runs in a fresh Python kernel (nbclient, ipykernel) in a temporary working folder, so that it finds
no course files there and uses the stand-in ones; an error stops it, and every output written to stderr is
reported: the notebooks keep the frameworks' log lines out (reference/quiet.py), so any stderr is a finding.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "notebooks"


@dataclass
class Built:
    source: Path
    path: Path | None
    seconds: float
    stderr: list[str] = field(default_factory=list)     # "cell 3: ..." for every stderr output
    error: str | None = None                            # the exception that stopped it, one line

    @property
    def ok(self) -> bool:
        return self.error is None and not self.stderr


def sources(folder: Path = SOURCES) -> list[Path]:
    return sorted(folder.glob("*.py"))


def build(source: Path, out: Path | None, timeout: float = 600) -> Built:
    """``source`` as a notebook, executed; written to ``out`` (a folder) unless None."""
    try:
        import jupytext
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError:
        raise ImportError("the notebooks need jupytext, nbclient and ipykernel: "
                          "pip install 'nn-rosetta[notebooks]'") from None

    notebook = jupytext.read(source)
    start = time.perf_counter()
    error = None
    with tempfile.TemporaryDirectory() as work:
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": work}},
                                # the kernel's own start-up warning (it listens on TCP) is not the notebook's output
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        try:
            client.execute()
        except CellExecutionError as exc:
            error = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    stderr = [f"cell {i}: {output.get('text', '').strip()[:500]}"
              for i, cell in enumerate(notebook.cells) for output in cell.get("outputs", [])
              if output.get("output_type") == "stream" and output.get("name") == "stderr"]
    path = None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{source.stem}.ipynb"
        nbformat.write(notebook, path)
    return Built(source, path, time.perf_counter() - start, stderr, error)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reference.notebooks",
                                     description="Build and execute the course's notebooks into OUT.")
    parser.add_argument("out", help="folder for the executed .ipynb files")
    parser.add_argument("names", nargs="*", help="which notebooks (default: all), e.g. week3_shallow_network")
    args = parser.parse_args(argv)
    chosen = [s for s in sources() if not args.names or s.stem in args.names]
    if not chosen:
        parser.error(f"names: expected some of {', '.join(s.stem for s in sources())}, got {args.names}")
    bad = 0
    for source in chosen:
        built = build(source, Path(args.out))
        verdict = "ok" if built.ok else (built.error or f"{len(built.stderr)} outputs on stderr")
        print(f"{built.path}: {verdict} ({built.seconds:.0f} s)")
        for line in built.stderr:
            print(f"  {line}")
        bad += not built.ok
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
