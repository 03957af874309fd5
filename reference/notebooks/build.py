"""Build the notebooks' plain-text sources into executed ``.ipynb`` files.

Each notebook runs in a fresh Python kernel (nbclient, ipykernel) in a temporary working folder, so that it finds
no course files there and uses the stand-in ones; an error stops it, and every output written to stderr is
reported: the notebooks keep the frameworks' log lines out (reference/quiet.py), so any stderr is a finding.

Each notebook's run lengths are in its cell tagged ``parameters``; ``build(..., parameters={"NAME": value})`` puts
a cell tagged ``injected-parameters`` after it that sets them anew (papermill's convention), so that the tests run
every cell on shorter runs while ``make notebooks`` runs the course's.
"""

from __future__ import annotations

import argparse
import ast
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


def build(source: Path, out: Path | None, timeout: float = 600, parameters: dict | None = None) -> Built:
    """``source`` as a notebook, executed; written to ``out`` (a folder) unless None; ``parameters`` (name ->
    value) override the names its ``parameters`` cell sets."""
    try:
        import jupytext
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError:
        raise ImportError("the notebooks need jupytext, nbclient and ipykernel: "
                          "pip install 'nn-rosetta[notebooks]'") from None

    notebook = jupytext.read(source)
    if parameters:
        inject(notebook, parameters, source.stem)
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


def inject(notebook, parameters: dict, name: str) -> None:
    """A cell setting ``parameters`` after the cell tagged ``parameters``, which must set each of them."""
    import nbformat

    cells = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"parameters: expected a notebook with one cell tagged 'parameters', got {name}, which has "
                         f"{len(cells)} (name the notebooks to build)")
    tree = ast.parse(notebook.cells[cells[0]].source)
    defined = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
               if isinstance(target, ast.Name)}
    unknown = sorted(set(parameters) - defined)
    if unknown:
        raise ValueError(f"parameters: expected names the parameters cell of {name} sets "
                         f"({', '.join(sorted(defined))}), got {', '.join(unknown)}")
    source = "# Injected parameters\n" + "".join(f"{key} = {value!r}\n" for key, value in parameters.items())
    notebook.cells.insert(cells[0] + 1, nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]}))


def parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` with a Python literal VALUE, for ``-p``."""
    key, equals, value = text.partition("=")
    try:
        if not (equals and key.isidentifier()):
            raise ValueError
        return key, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE with a Python literal VALUE, got {text!r}") from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reference.notebooks",
                                     description="Build and execute the course's notebooks into OUT.")
    parser.add_argument("out", help="folder for the executed .ipynb files")
    parser.add_argument("names", nargs="*", help="which notebooks (default: all), e.g. week3_shallow_network")
    parser.add_argument("-p", "--parameter", type=parameter, action="append", default=[], metavar="NAME=VALUE",
                        help="set a name of the notebooks' parameters cell, e.g. -p NUM_ITERATIONS=100")
    args = parser.parse_args(argv)
    chosen = [s for s in sources() if not args.names or s.stem in args.names]
    if not chosen:
        parser.error(f"names: expected some of {', '.join(s.stem for s in sources())}, got {args.names}")
    parameters = dict(args.parameter)
    if parameters:  # every chosen notebook must take them, before any one runs
        import jupytext

        try:
            for source in chosen:
                inject(jupytext.read(source), parameters, source.stem)
        except ValueError as error:
            parser.error(str(error))
    bad = 0
    for source in chosen:
        built = build(source, Path(args.out), parameters=parameters)
        verdict = "ok" if built.ok else (built.error or f"{len(built.stderr)} outputs on stderr")
        print(f"{built.path}: {verdict} ({built.seconds:.0f} s)")
        for line in built.stderr:
            print(f"  {line}")
        bad += not built.ok
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
