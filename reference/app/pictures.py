"""Your own pictures, through the course's preprocessing, as the model's input.

The course (week 4 application, "Test with your own image"):

    image = np.array(Image.open(fname).resize((num_px, num_px)))
    image = image / 255.
    image = image.reshape((1, num_px * num_px * 3)).T

``read`` does the same for any picture Pillow reads, after making it the three 8-bit channels the model was
trained on. Each conversion is documented here and reported in ``Picture.notes``:

- turned upright first by its EXIF orientation, as a phone's photo is displayed;
- RGB as is; grey ("L", "1") repeated in R, G and B; a palette ("P") and CMYK converted to RGB;
- transparency (RGBA, LA, a palette with a transparent colour) laid over white: a transparent background shows
  white, not the black that dropping the alpha channel gives;
- 16-bit grey (a 16-bit PNG or TIFF, modes "I;16" and "I": older Pillow opens a 16-bit PNG as "I") scaled to 8
  bits, value / 257, so that 65535 is 255, whatever the values: a dark picture (all at most 255) stays dark;
  32-bit floating-point grey ("F") clipped to 0..255;
- several frames (an animated GIF): the first;
- any size, up to Pillow's decompression-bomb limit of 89,478,485 pixels: resized to the model's size (64 x 64 for
  the course) with Pillow's bicubic filter, the aspect ratio not kept, as the course does; a picture smaller
  than that is enlarged, and the note says from what.

Anything else (no such file, not a picture, truncated or damaged data, over the pixel limit) raises
``PictureError``, a ``ValueError`` whose message is one line naming the file.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field

import numpy as np

SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N")


class PictureError(ValueError):
    """A picture that cannot be read: one line naming the file and what is wrong."""


@dataclass
class Picture:
    path: str
    original_size: tuple[int, int]      # (width, height) as stored
    original_mode: str                  # Pillow's mode: "RGB", "L", "RGBA", "P", "I;16", ...
    pixels: np.ndarray                  # (size, size, 3) uint8, after conversion and resizing
    notes: list[str] = field(default_factory=list)

    @property
    def x(self) -> np.ndarray:
        """(size * size * 3, 1) float64 in [0, 1]: the course's column, flattened row by row, channel last."""
        return (self.pixels / 255.0).reshape(-1, 1)


def _pillow():
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover - matplotlib depends on Pillow
        raise ImportError("pictures need Pillow: pip install pillow") from None
    return Image, ImageOps


def read(path: str | os.PathLike, size: int = 64) -> Picture:
    """The picture at ``path`` as a ``size`` x ``size`` RGB array, the conversions on the way in ``notes``."""
    Image, ImageOps = _pillow()
    name = str(path)
    if not os.path.isfile(path):
        got = "a folder" if os.path.isdir(path) else "no such file"
        raise PictureError(f"{name}: expected a picture file, got {got}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                notes = []
                original = (image.width, image.height)
                mode = image.mode
                if image.width * image.height > Image.MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError("")
                frames = getattr(image, "n_frames", 1)
                if frames > 1:
                    notes.append(f"the first of {frames} frames")
                image.load()
                if _orientation(image) not in (None, 1):
                    notes.append("turned upright by its EXIF orientation")
                upright = ImageOps.exif_transpose(image)
                rgb = _to_rgb(upright, notes)
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError(f"{name}: expected at most {Image.MAX_IMAGE_PIXELS:,} pixels (Pillow's decompression-bomb "
                           f"limit), got {_size_of(path)}") from None
    except Image.UnidentifiedImageError:
        raise PictureError(f"{name}: expected a picture Pillow can read (JPEG, PNG, GIF, BMP, TIFF, WebP, ...), "
                           f"got a file it does not recognise") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PictureError(f"{name}: expected a complete picture, got truncated or damaged data ({detail})") from None
    if rgb.width < size or rgb.height < size:
        notes.append(f"enlarged from {rgb.width} x {rgb.height}")
    pixels = np.asarray(rgb.resize((size, size), Image.Resampling.BICUBIC), dtype=np.uint8)
    return Picture(name, original, mode, pixels, notes)


def _orientation(image) -> int | None:
    try:
        return image.getexif().get(0x0112)
    except Exception:  # noqa: BLE001 - a damaged EXIF block is no orientation
        return None


def _to_rgb(image, notes: list[str]):
    """``image`` as 8-bit RGB, by the documented conversions."""
    Image, _ = _pillow()
    mode = image.mode
    if mode in SIXTEEN_BIT or mode == "I":  # the bit depth is the mode's, never the values': a dark picture is dark
        notes.append("16-bit grey scaled to 8 bits")
        values = np.asarray(image, dtype=np.float64) / 257  # 65535 / 257 = 255
        return Image.fromarray(np.clip(np.rint(values), 0, 255).astype(np.uint8)).convert("RGB")
    if mode == "F":
        notes.append("floating-point grey clipped to 0..255")
        values = np.nan_to_num(np.asarray(image, dtype=np.float64), nan=0.0)
        return Image.fromarray(np.clip(np.rint(values), 0, 255).astype(np.uint8)).convert("RGB")
    transparent = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in image.info)
    if transparent:
        notes.append("transparency laid over white")
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if mode in ("L", "1"):
        notes.append("grey repeated in R, G and B")
    elif mode != "RGB":
        notes.append(f"{mode} converted to RGB")
    return image.convert("RGB")


def _size_of(path) -> str:
    """"W x H" from the file's header alone, without the limit (it is only read, never decoded)."""
    Image, _ = _pillow()
    limit = Image.MAX_IMAGE_PIXELS
    try:
        Image.MAX_IMAGE_PIXELS = None
        with Image.open(path) as image:
            return f"{image.width} x {image.height}"
    except Exception:  # noqa: BLE001 - only for the message
        return "more"
    finally:
        Image.MAX_IMAGE_PIXELS = limit
