"""What the frameworks' autodiff computes, in the course's symbols (``rosetta graph``).

- ``example.py``: the course's week-2 computation graph J = 3(a + bc), its forward values and every backward
  derivative in the four frameworks, against the course's published numbers, and the operations each framework
  records or traces for it (torch's autograd nodes, TensorFlow's concrete graph, JAX's jaxpr).
- ``trace.py``: one gradient step of a model as the operations a backend executes (impl_*/graph.py reads them),
  each with its kind and its place (forward, backward, unused).
- ``symbols.py``: the small problem the step runs on, and the course's symbols with the loop oracle's values.
- ``label.py``: naming each node by the symbol its value equals; carrying names over to a planted-bug trace and
  finding the nodes whose values no longer match.
- ``findings.py``: operation counts, the matrix products against the course's, and where a framework differs.
- ``models.py``: ``rosetta graph MODEL``, all of the above for every backend and mode, as text.
- ``draw.py``: a graph as Graphviz DOT and SVG (the web page's section of graphs is reference/views/graph_page.py).
- ``command.py``: ``rosetta graph``: the options checked, the example or the model's graphs printed, ``--svg``.
"""
