"""Stand-in cat files in the course's exact HDF5 format, for whoever does not have the course's.

``python -m reference.app.standin FOLDER`` writes ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` as the
course's are laid out: ``train_set_x`` (209, 64, 64, 3) uint8, ``train_set_y`` (209,) int64 with 72 cats,
``list_classes`` [b"non-cat", b"cat"]; ``test_set_x`` (50, 64, 64, 3) with 33 cats, ``test_set_y``,
``list_classes``. The pictures are not the course's: the cats are random crops, flips and zooms of
scikit-image's photograph of Chelsea the cat (``skimage.data.chelsea``), the non-cats the same of its other
colour photographs (an astronaut, coffee, a rocket, a colour wheel, the Hubble deep field, a stained tissue).
No download: scikit-image ships these pictures inside its wheel.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import numpy as np

SIZE = 64
COUNTS = {"train": (209, 72), "test": (50, 33)}  # (pictures, cats), as in the course's files
NON_CATS = ("astronaut", "coffee", "rocket", "colorwheel", "hubble_deep_field", "immunohistochemistry")


def _photographs():
    try:
        from skimage import data
    except ImportError:
        raise ImportError("the stand-in pictures come from scikit-image: pip install 'nn-rosetta[app]'") from None
    return data.chelsea(), [getattr(data, name)() for name in NON_CATS]


def crops(photo: np.ndarray, m: int, rng: np.random.Generator) -> np.ndarray:
    """``m`` random square crops (40 to 100 % of the shorter side), half of them mirrored, at 64 x 64: uint8."""
    from PIL import Image

    height, width = photo.shape[:2]
    out = np.empty((m, SIZE, SIZE, 3), np.uint8)
    for i in range(m):
        side = int(rng.uniform(0.4, 1.0) * min(height, width))
        top, left = rng.integers(0, height - side + 1), rng.integers(0, width - side + 1)
        piece = Image.fromarray(photo[top:top + side, left:left + side]).resize((SIZE, SIZE),
                                                                                Image.Resampling.BICUBIC)
        out[i] = np.asarray(piece)[:, ::-1] if rng.random() < 0.5 else np.asarray(piece)
    return out


def write(folder: str | os.PathLike, seed: int = 1) -> tuple[Path, Path]:
    """The two files in ``folder``: (train path, test path)."""
    import h5py

    cat, others = _photographs()
    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for split, (m, cats) in COUNTS.items():
        pictures = [crops(cat, cats, rng)]
        share = np.array_split(np.arange(m - cats), len(others))
        pictures += [crops(photo, len(part), rng) for photo, part in zip(others, share, strict=True)]
        X = np.concatenate(pictures)
        y = np.r_[np.ones(cats, np.int64), np.zeros(m - cats, np.int64)]
        order = rng.permutation(m)
        path = folder / f"{split}_catvnoncat.h5"
        with h5py.File(path, "w") as f:
            f.create_dataset(f"{split}_set_x", data=X[order])
            f.create_dataset(f"{split}_set_y", data=y[order])
            f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"], dtype="S7"))
        paths.append(path)
    return paths[0], paths[1]


def course_or_standin(folder: str | os.PathLike = "datasets") -> tuple[Path, Path]:
    """The course's ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` in ``folder`` (the course's layout: a
    ``datasets/`` folder beside the notebook) when both are there; otherwise stand-ins written to a new temporary
    folder."""
    train, test = Path(folder) / "train_catvnoncat.h5", Path(folder) / "test_catvnoncat.h5"
    if train.is_file() and test.is_file():
        return train, test
    return write(tempfile.mkdtemp(prefix="standin-cats-"))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reference.app.standin", description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="where to write train_catvnoncat.h5 and test_catvnoncat.h5")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    train, test = write(args.folder, args.seed)
    print(f"Wrote {train} and {test}")


if __name__ == "__main__":
    main()
