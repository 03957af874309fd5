"""Stand-ins for the course's helper modules, with the course's behaviour, so that a learner's notebook imports them.

Course 1: lr_utils, planar_utils, dnn_utils, dnn_app_utils; Course 2, week 1: init_utils, reg_utils, gc_utils;
week 2: opt_utils, opt_utils_v1a; and course_tests for every test-case module. Mapped to the course's module
names by confined/modules.py.
"""
