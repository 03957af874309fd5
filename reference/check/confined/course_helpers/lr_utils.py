"""Stand-in for the course's ``lr_utils`` (week 2): ``load_dataset()``, the cat-vs-non-cat pictures.

The course reads ``datasets/train_catvnoncat.h5`` and ``datasets/test_catvnoncat.h5`` from the working
directory; so does this, when they are there. Otherwise it returns small synthetic pictures with the course's
shapes and dtypes (m = 20 training and 10 test images, fixed seed), so that a learner's top-level cells run.
"""

import os

import numpy as np

TRAIN_FILE = os.path.join("datasets", "train_catvnoncat.h5")
TEST_FILE = os.path.join("datasets", "test_catvnoncat.h5")
CLASSES = np.array([b"non-cat", b"cat"])


def load_dataset():
    """train_set_x_orig (m, 64, 64, 3) uint8, train_set_y (1, m), test_set_x_orig, test_set_y, classes."""
    if os.path.isfile(TRAIN_FILE) and os.path.isfile(TEST_FILE):
        return _read_h5()
    return _synthetic()


def _read_h5():
    import h5py

    with h5py.File(TRAIN_FILE, "r") as train_dataset:
        train_set_x_orig = np.array(train_dataset["train_set_x"][:])  # (m_train, 64, 64, 3)
        train_set_y_orig = np.array(train_dataset["train_set_y"][:])  # (m_train,)
    with h5py.File(TEST_FILE, "r") as test_dataset:
        test_set_x_orig = np.array(test_dataset["test_set_x"][:])
        test_set_y_orig = np.array(test_dataset["test_set_y"][:])
        classes = np.array(test_dataset["list_classes"][:])  # [b'non-cat', b'cat']
    train_set_y_orig = train_set_y_orig.reshape((1, train_set_y_orig.shape[0]))  # (1, m_train)
    test_set_y_orig = test_set_y_orig.reshape((1, test_set_y_orig.shape[0]))
    return train_set_x_orig, train_set_y_orig, test_set_x_orig, test_set_y_orig, classes


def _synthetic(m_train=20, m_test=10, seed=0):
    """Noise pictures, the cats a little redder; a local generator leaves the learner's np.random alone."""
    rng = np.random.RandomState(seed)

    def pictures(m):
        y = np.arange(m) % 2  # both classes, alternating
        x = rng.randint(0, 200, size=(m, 64, 64, 3))
        x[y == 1, :, :, 0] += 55  # a red cast on the cats: something to learn
        return x.astype(np.uint8), y.reshape(1, m).astype(np.int64)

    train_set_x_orig, train_set_y = pictures(m_train)
    test_set_x_orig, test_set_y = pictures(m_test)
    return train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, CLASSES.copy()
