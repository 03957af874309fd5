"""The week-4 application: ``rosetta train``, ``rosetta predict``, ``rosetta learning-rates`` (reference/app/).

Expected numbers: the course's own preprocessing code (quoted below) for the pictures; NumPy's training and
forward pass, under the tolerance table, for every other backend; the course's file layout (keys, shapes, dtypes
of train_catvnoncat.h5 and test_catvnoncat.h5) for the stand-in files; Pillow's own decoding for each conversion.
"""

import functools
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from reference import available_backends, cli, data
from reference.app import pictures, presets, standin, training
from reference.io import load_params, read_metadata
from reference.proof.tolerances import compare

BACKENDS = ["numpy", "torch", "tf", "jax"]
ITERATIONS = 20


def require(backend):
    if backend not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")


@pytest.fixture(scope="module")
def cats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cats")
    return standin.write(folder)


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    """Real photographs as a learner's own pictures: scikit-image's Chelsea the cat (a JPEG and a PNG) and its
    coffee cup, shipped inside the scikit-image wheel."""
    from skimage import data as skdata

    folder = tmp_path_factory.mktemp("photos")
    Image.fromarray(skdata.chelsea()).save(folder / "chelsea.jpg", quality=90)
    Image.fromarray(skdata.chelsea()).save(folder / "chelsea.png")
    Image.fromarray(skdata.coffee()).save(folder / "coffee.jpg", quality=90)
    return [folder / "chelsea.jpg", folder / "chelsea.png", folder / "coffee.jpg"]


# ------------------------------------------------------------------------------------------ the course's files

def test_the_stand_in_files_have_the_course_layout(cats):
    """train_catvnoncat.h5: train_set_x (209, 64, 64, 3) uint8, train_set_y (209,) int64, list_classes (2,) |S7;
    test_catvnoncat.h5: test_set_x (50, 64, 64, 3), test_set_y (50,), list_classes (the course's files)."""
    import h5py

    for path, split, m in ((cats[0], "train", 209), (cats[1], "test", 50)):
        with h5py.File(path, "r") as f:
            assert sorted(f.keys()) == sorted(["list_classes", f"{split}_set_x", f"{split}_set_y"])
            assert f[f"{split}_set_x"].shape == (m, 64, 64, 3) and f[f"{split}_set_x"].dtype == np.uint8
            assert f[f"{split}_set_y"].shape == (m,) and f[f"{split}_set_y"].dtype == np.int64
            assert list(f["list_classes"][()]) == [b"non-cat", b"cat"] and f["list_classes"].dtype == "S7"
    assert data.cat_pictures(cats[0]) == ((64, 64, 3), ("non-cat", "cat"))


def test_the_course_files_are_used_when_present_and_stand_ins_otherwise(cats, tmp_path):
    import shutil

    assert standin.course_or_standin(tmp_path / "datasets")[0].parent != tmp_path / "datasets"  # none there yet
    (tmp_path / "datasets").mkdir()
    for path in cats:
        shutil.copy(path, tmp_path / "datasets" / path.name)
    assert standin.course_or_standin(tmp_path / "datasets") == (tmp_path / "datasets" / "train_catvnoncat.h5",
                                                                tmp_path / "datasets" / "test_catvnoncat.h5")


# ------------------------------------------------------------------------------------------ the preprocessing

def test_a_picture_is_read_exactly_as_the_course_reads_it(photos):
    """The course: image = np.array(Image.open(fname).resize((num_px, num_px))); image = image / 255.;
    image = image.reshape((1, num_px * num_px * 3)).T"""
    for path in photos:
        course = (np.array(Image.open(path).resize((64, 64))) / 255.).reshape((1, 64 * 64 * 3)).T
        ours = pictures.read(path, 64)
        assert ours.notes == []
        np.testing.assert_array_equal(ours.x, course)


def test_chunked_training_is_the_same_run_as_one_call():
    """NumPy: the same to the bit; the others within the table's training entries of their own single call."""
    X, _, y, _ = data.load("planar")
    preset = presets.preset("shallow_nn")
    for backend in BACKENDS:
        require(backend)
        chunked = training.train(preset, X, y, backend=backend, num_iterations=130, snapshots=5)
        assert len(training.chunks(130)) > 1 and len(chunked.snapshots) == 5
        framework = __import__(f"impl_{backend}")
        params = __import__("impl_numpy").shallow_nn.initialize_parameters([2, 4, 1], "random_small", 0)
        with framework.precision("float64"):
            _, costs = framework.shallow_nn.train(framework.asarray(X.T, "float64"),
                                                  framework.asarray(y[None, :], "float64"),
                                                  {k: framework.asarray(v, "float64") for k, v in params.items()},
                                                  1.2, 130)
            costs = framework.to_numpy(costs)
        if backend == "numpy":
            np.testing.assert_array_equal(chunked.costs, costs)
        assert compare(chunked.costs, costs, "float64", "training_costs").ok, backend


# ------------------------------------------------------------------------------------------ train, save, predict

@functools.cache
def trained(backend, dtype, train_path, test_path, folder):
    X_train, X_test, y_train, y_test = data.load_cat_h5(train_path, test_path)
    result = training.train(presets.preset("two_layer_model"), X_train, y_train, X_test, y_test, backend=backend,
                            dtype=dtype, num_iterations=ITERATIONS)
    path = Path(folder) / f"{backend}-{dtype}.npz"
    result.save(path, "cat", (64, 64, 3), ("non-cat", "cat"))
    return result, path


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("backend", BACKENDS[1:])
def test_train_save_and_predict_agree_with_numpy_in_every_backend(cats, photos, tmp_path_factory, backend, dtype):
    require(backend)
    folder = str(tmp_path_factory.getbasetemp())
    ours, our_file = trained(backend, dtype, str(cats[0]), str(cats[1]), folder)
    numpy_run, numpy_file = trained("numpy", dtype, str(cats[0]), str(cats[1]), folder)
    assert compare(ours.costs, numpy_run.costs, dtype, "training_costs").ok
    saved = load_params(our_file)
    assert {k: v.dtype.name for k, v in saved.items()} == {k: dtype for k in saved}
    for key in saved:
        assert compare(saved[key], numpy_run.params[key], dtype, "training_params").ok, key
    X = np.hstack([pictures.read(p).x for p in photos])
    expected = training.probabilities("deep_nn", load_params(numpy_file), X, "relu", "numpy")
    got = training.probabilities("deep_nn", saved, X, "relu", backend)
    assert compare(got, expected, dtype, "probabilities").ok, (got, expected)
    # the file is portable: NumPy reads the model this backend saved and gives this backend's probabilities
    assert compare(training.probabilities("deep_nn", saved, X, "relu", "numpy"), got, dtype, "forward").ok


def test_rosetta_train_and_predict_on_the_course_files(cats, photos, tmp_path, capsys):
    model = tmp_path / "model.npz"
    code = cli.main(["train", "two_layer_model", "--cat-train", str(cats[0]), "--cat-test", str(cats[1]),
                     "--iterations", "300", "--save", str(model), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "two_layer_model [12288, 7, 1] relu" in out and "Cost after iteration 0: 0.69" in out
    accuracy = float(out.split("test accuracy ")[1].split(";")[0])
    meta = read_metadata(model)
    assert meta["application"]["picture"] == [64, 64, 3] and meta["application"]["classes"] == ["non-cat", "cat"]
    assert meta["application"]["test_accuracy"] == accuracy
    # the mislabelled figure: one panel per wrong test picture (at most 12), each titled with both classes
    X_train, X_test, y_train, y_test = data.load_cat_h5(*cats)
    wrong = int(round((1 - accuracy) * len(y_test)))
    figure = tmp_path / "out" / "mislabelled.png"
    if wrong:
        titles = Image.open(figure).info["Description"].split("\n")
        assert sum(t.startswith("Prediction: ") for t in titles) == min(wrong, 12)
        assert sum(t.startswith("Class: ") for t in titles) == min(wrong, 12)
    else:
        assert not figure.exists()
    code = cli.main(["predict", str(model), *map(str, photos), "--figure", str(tmp_path / "mine.png")])
    out = capsys.readouterr().out
    assert code == 0, out
    rows = [line for line in out.splitlines() if line.startswith(str(photos[0].parent))]
    assert len(rows) == 3
    expected = training.probabilities("deep_nn", load_params(model), np.hstack([pictures.read(p).x for p in photos]),
                                      "relu")
    for row, p in zip(rows, expected, strict=True):
        assert f"{p:11.6f}" in row and ("cat" if p > 0.5 else "non-cat") in row.split()
    titles = Image.open(tmp_path / "mine.png").info["Description"].split("\n")
    assert [t for t in titles if t.endswith(".jpg") or t.endswith(".png")] == [p.name for p in photos]


def test_rosetta_train_on_the_flower_animates_the_boundary(tmp_path, capsys):
    code = cli.main(["train", "shallow_nn", "--iterations", "200", "--frames", "6", "--out", str(tmp_path)])
    assert code == 0, capsys.readouterr()
    gif = Image.open(tmp_path / "decision_boundary.gif")
    assert gif.n_frames == 6 and gif.is_animated
    assert (tmp_path / "costs.png").is_file()


def test_rosetta_learning_rates_draws_every_rate_on_every_backend(tmp_path, capsys):
    figure = tmp_path / "rates.png"
    code = cli.main(["learning-rates", "logistic_regression", "--iterations", "50", "--rates", "0.5,0.05",
                     "--backends", "numpy,torch", "--out", str(figure)])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert {(line[0], line[1]) for line in lines} == {(r, b) for r in ("0.5", "0.05") for b in ("numpy", "torch")}
    assert figure.is_file()
    # a larger rate lowers the cost of logistic regression faster here
    final = {(line[0], line[1]): float(line[2]) for line in lines}
    assert final[("0.5", "numpy")] < final[("0.05", "numpy")]


def test_predict_needs_a_model_trained_on_pictures(tmp_path, capsys):
    model = tmp_path / "flower.npz"
    assert cli.main(["train", "shallow_nn", "--iterations", "5", "--frames", "0", "--save", str(model),
                     "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert cli.main(["predict", str(model), str(tmp_path / "costs.png")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "expected a model trained on pictures" in err and "2 features" in err


# ------------------------------------------------------------------------------------------ every kind of picture

def _png_claiming(path, width, height):
    """A PNG whose header says width x height: Pillow reads the size from it before any pixel."""
    Image.new("RGB", (1, 1)).save(path)
    raw = bytearray(Path(path).read_bytes())
    ihdr = raw.index(b"IHDR")
    raw[ihdr + 4:ihdr + 12] = struct.pack(">II", width, height)
    raw[ihdr + 17:ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(raw[ihdr:ihdr + 17])))
    Path(path).write_bytes(bytes(raw))


def _converted(folder):
    """(file, note it must get, check of the 64 x 64 x 3 pixels): each a documented conversion."""
    f = Path(folder)
    grey = np.tile(np.arange(0, 256, 4, dtype=np.uint8), (64, 1))
    Image.fromarray(grey).save(f / "grey.png")
    Image.fromarray(grey > 127).save(f / "bits.png")
    rgba = np.zeros((64, 64, 4), np.uint8)
    rgba[:, :32] = (200, 0, 0, 255)  # left half opaque red, right half fully transparent
    Image.fromarray(rgba).save(f / "transparent.png")
    palette = Image.fromarray(rgba).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    palette.info["transparency"] = palette.getpixel((63, 0))
    palette.save(f / "palette.gif", transparency=palette.getpixel((63, 0)))
    deep = (np.tile(np.arange(64, dtype=np.uint16), (64, 1)) * 1028).astype(np.uint16)  # 0 .. 64764
    Image.fromarray(deep).save(f / "sixteen.png")
    Image.fromarray(np.full((64, 64), 300.0, np.float32)).save(f / "float.tif")
    Image.new("CMYK", (64, 64), (0, 255, 255, 0)).save(f / "cmyk.jpg")  # red in ink
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "green", "blue")]
    frames[0].save(f / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    stripes = np.zeros((64, 96, 3), np.uint8)
    stripes[:32] = (255, 0, 0)
    stripes[32:] = (0, 0, 255)  # stored: red on top, blue below
    exif = Image.Exif()
    exif[0x0112] = 6  # displayed turned 90 degrees clockwise: red on the right
    Image.fromarray(stripes).save(f / "phone.jpg", exif=exif, quality=95)
    Image.new("RGB", (1, 1), (10, 20, 30)).save(f / "tiny.png")
    Image.new("RGB", (3000, 2000), (0, 128, 0)).save(f / "large.jpg", quality=80)
    return [
        ("grey.png", "grey repeated in R, G and B", lambda p: np.all(p[..., 0] == p[..., 2])),
        ("bits.png", "grey repeated in R, G and B", lambda p: set(np.unique(p)) <= set(range(256))),
        ("transparent.png", "transparency laid over white",
         lambda p: np.all(p[:, -8:] == 255) and np.all(p[:, :8, 0] == 200)),
        ("palette.gif", "transparency laid over white", lambda p: np.all(p[:, -8:] == 255)),
        ("sixteen.png", "16-bit grey scaled to 8 bits",
         lambda p: p[0, 0, 0] == 0 and abs(int(p[0, -1, 0]) - round(63 * 1028 / 257)) <= 2),
        ("float.tif", "floating-point grey clipped to 0..255", lambda p: np.all(p == 255)),
        ("cmyk.jpg", "CMYK converted to RGB", lambda p: p[..., 0].mean() > 200 and p[..., 1].mean() < 60),
        ("animated.gif", "the first of 3 frames", lambda p: p[..., 0].mean() > 200 and p[..., 2].mean() < 60),
        ("phone.jpg", "turned upright by its EXIF orientation",
         lambda p: p[:, -4:, 0].mean() > 200 and p[:, :4, 2].mean() > 200),
        ("tiny.png", "enlarged from 1 x 1", lambda p: np.all(p == (10, 20, 30))),
        ("large.jpg", "", lambda p: abs(p[..., 1].mean() - 128) < 3),
    ]


def _broken(folder, photo):
    f = Path(folder)
    jpeg = Path(photo).read_bytes()
    (f / "truncated.jpg").write_bytes(jpeg[:len(jpeg) // 3])
    Image.open(photo).save(f / "whole.png")
    png = (f / "whole.png").read_bytes()
    (f / "truncated.png").write_bytes(png[:len(png) // 2])
    (f / "notes.txt").write_text("my cat is called Tom\n")
    (f / "empty.jpg").write_bytes(b"")
    (f / "cat.jpg.zip").write_bytes(b"PK\x03\x04" + bytes(100))
    _png_claiming(f / "huge.png", 20000, 20000)
    (f / "folder.png").mkdir()
    return [("truncated.jpg", "truncated or damaged"), ("truncated.png", "truncated or damaged"),
            ("notes.txt", "a file it does not recognise"), ("empty.jpg", "a file it does not recognise"),
            ("cat.jpg.zip", "a file it does not recognise"), ("huge.png", "20000 x 20000"),
            ("missing.jpg", "no such file"), ("folder.png", "a folder")]


@pytest.fixture(scope="module")
def model_file(cats, tmp_path_factory):
    return trained("numpy", "float64", str(cats[0]), str(cats[1]), str(tmp_path_factory.getbasetemp()))[1]


def test_every_documented_conversion(tmp_path, model_file, capsys):
    cases = _converted(tmp_path)
    for name, note, check in cases:
        picture = pictures.read(tmp_path / name)
        assert picture.pixels.shape == (64, 64, 3) and picture.pixels.dtype == np.uint8, name
        assert (note in picture.notes) if note else picture.notes == [], (name, picture.notes)
        assert check(picture.pixels), name
    code = cli.main(["predict", str(model_file), *[str(tmp_path / name) for name, _, _ in cases]])
    captured = capsys.readouterr()
    assert code == 0 and captured.err == "", captured.err
    assert sum(line.startswith(str(tmp_path)) for line in captured.out.splitlines()) == len(cases)


SIXTEEN_BIT_FORMS = {"I;16 png": (np.uint16, "png"), "I;16B tiff": (">u2", "tif"), "I tiff": (np.int32, "tif")}


def read_at_its_bit_depth(pictures_module, folder, form, brightness) -> None:
    """A 16-bit grey picture of ``brightness`` in ``form``, read by ``pictures_module`` (reference.app.pictures, or
    a copy of it): value / 65535 within half an 8-bit step; exactly the 8-bit picture it was made from."""
    dtype, suffix = SIXTEEN_BIT_FORMS[form]
    top = {"dark": 255, "mid": 127, "full": 255}[brightness]  # the brightest value: 16-bit for dark, else 8-bit
    values = np.random.default_rng(3).integers(0, top + 1, (8, 8))
    values[0, 0], values[-1, -1] = 0, top
    eight, sixteen = values.astype(np.uint8), values if brightness == "dark" else 257 * values
    Image.fromarray(sixteen.astype(dtype)).save(folder / f"sixteen.{suffix}")
    Image.fromarray(eight).save(folder / "eight.png")
    picture = pictures_module.read(folder / f"sixteen.{suffix}", size=8)  # its own size: no resampling
    assert picture.original_mode == form.split()[0] and "16-bit grey scaled to 8 bits" in picture.notes
    grey = picture.x.reshape(8, 8, 3)[..., 0]
    assert np.abs(grey - sixteen / 65535).max() <= 0.5 / 255 + 1e-12, (grey.max(), sixteen.max() / 65535)
    if brightness != "dark":
        np.testing.assert_array_equal(picture.x, pictures_module.read(folder / "eight.png", size=8).x)


@pytest.mark.parametrize("brightness", ["dark", "mid", "full"])
@pytest.mark.parametrize("form", list(SIXTEEN_BIT_FORMS))
def test_a_16_bit_picture_is_read_at_its_bit_depth_whatever_its_brightness(tmp_path, form, brightness):
    """16-bit grey, as Pillow writes it in each mode a reader meets ("I" is how older Pillow opens a 16-bit PNG),
    reads as value / 65535 (the math: 65535 is white) within half a step of the 8 bits the model's pixels have;
    made from an 8-bit picture p as 257 p (the standard 8-to-16-bit scaling), exactly as p reads. A dark one
    (every value at most 255) stays dark: read as 8-bit it would be value / 255, up to 257 times too bright."""
    read_at_its_bit_depth(pictures, tmp_path, form, brightness)


def test_every_bad_picture_gets_one_line_and_the_others_are_still_predicted(tmp_path, photos, model_file, capsys):
    cases = _broken(tmp_path, photos[0])
    code = cli.main(["predict", str(model_file), str(photos[0]), *[str(tmp_path / name) for name, _ in cases]])
    captured = capsys.readouterr()
    assert code == 2
    errors = captured.err.strip().splitlines()
    assert len(errors) == len(cases) and "Traceback" not in captured.err
    for line, (name, words) in zip(errors, cases, strict=True):
        assert line.startswith(f"rosetta predict: error: {tmp_path / name}: expected "), line
        assert words in line, line
    assert str(photos[0]) in captured.out  # the good picture is still in the table


@pytest.mark.parametrize("argv, words", [
    (["train", "L_layer_model", "--cat-train", "missing.h5", "--cat-test", "missing.h5"], "--cat-train: expected an existing HDF5 file"),
    (["train", "L_layer_model", "--cat-train", "x.h5"], "--cat-test: expected the course's HDF5 file"),
    (["train", "shallow_nn", "--iterations", "5", "--save", "no/such/folder/model.npz"], "--save: expected a file in an existing folder"),
    (["predict", "missing.npz", "a.jpg"], "path: expected an existing .npz file"),
    (["learning-rates", "shallow_nn", "--rates", "0.1,-1"], "expected positive learning rates"),
    (["train", "cat_model"], "invalid choice: 'cat_model'"),
])
def test_bad_options_get_one_line(argv, words, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and words in err, err
