"""What a reader sees: the course's equations beside the four implementations, in a terminal or a web page.

- ``equations.py``: the course's equations as data, one entry per concept, in the order the course teaches them;
- ``show.py``: ``rosetta show NAME``, one concept in the four implementations, below its equation;
- ``site.py``: ``rosetta site -o DIR``, one static web page that walks the course, for reading offline;
- ``graph_page.py``: the page's section on the models' computation graphs, drawn as SVG at build time;
- ``plots.py``: the figures of ``rosetta compare`` (matplotlib's Agg backend);
- ``progress.py``: the training runs' progress on stderr, rich's bar on a terminal, one line per run elsewhere;
- ``site_assets/``: the page's stylesheet and script, inlined into index.html.
"""
