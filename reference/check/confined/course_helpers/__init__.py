"""Stand-ins for the course's helper modules, with the course's behaviour, so that a learner's notebook imports them.

Mapped to the course's module names by reference/check/namespace.py.
"""
