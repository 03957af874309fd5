"""What the frameworks' autodiff computes, in the course's symbols (``rosetta graph``).

- ``example.py``: the course's week-2 computation graph J = 3(a + bc), its forward values and every backward
  derivative in the four frameworks, against the course's published numbers, and the operations each framework
  records or traces for it (torch's autograd nodes, TensorFlow's concrete graph, JAX's jaxpr).

The models' graphs (logistic regression, the shallow and the deep network) are not here yet.
"""
