"""Small copies of attached images for the report (``voicelog report --with-images``), made in memory only.

Each image exhibit is opened from the diary, checked against its SHA-256
(:func:`voicelog.store.attachments.content`), shrunk to fit :data:`MAX_SIDE`
pixels with Pillow and embedded in the page as a ``data:`` URL: no file is
written anywhere but the report itself. The copy is re-encoded from its
pixels alone, so none of the photo's metadata (GPS position, camera, time)
reaches the report; its orientation is applied first so it shows upright.
Pillow comes with WeasyPrint (the ``[pdf]`` extra); without it the flag is a
:class:`~voicelog.errors.UsageError` saying what to install.
"""

from __future__ import annotations

import base64
import io
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from voicelog.errors import UsageError
from voicelog.store.attachments import Attachment, content
from voicelog.store.diary import Diary

MAX_SIDE = 320
"""The longest side of a thumbnail, in pixels (about 5.5 cm printed at 150 dpi)."""

MAX_PIXELS = 80_000_000
"""A larger image (or a file claiming to be one: a decompression bomb) gets no thumbnail."""

TOO_LARGE = "no thumbnail: too large an image to shrink"
"""Said in the exhibit list instead of a picture over :data:`MAX_PIXELS`."""


@dataclass(frozen=True)
class Thumbnail:
    """One image exhibit's thumbnail, or why it has none."""

    exhibit: int
    """The exhibit it shows."""
    data_url: str = ""
    """``data:image/jpeg;base64,...`` (or PNG where the image has transparency); "" when there is none."""
    problem: str = ""
    """Why there is no thumbnail (a format Pillow cannot read, a damaged image), for the exhibit list."""


def load_pillow() -> ModuleType:
    """Pillow's ``PIL.Image``; a :class:`UsageError` saying what to install when it is missing."""
    try:
        from PIL import Image
    except ImportError:
        raise UsageError("Image thumbnails (--with-images) need Pillow, which is not installed. Install it with "
                         f"`{sys.executable} -m pip install Pillow` (it also comes with the PDF extra, "
                         "`pip install 'voicelog-diary[pdf]'`), or leave out --with-images.") from None
    module: ModuleType = Image
    return module


def is_image(attachment: Attachment) -> bool:
    """Whether ``attachment`` is an image a thumbnail is tried for."""
    return attachment.type.startswith("image/")


def thumbnail(data: bytes, exhibit: int) -> Thumbnail:
    """A thumbnail of the image ``data`` (the exhibit's bytes), made in memory; the reason when it cannot be."""
    image_module = load_pillow()
    from PIL import ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", image_module.DecompressionBombWarning)
            with image_module.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return Thumbnail(exhibit, problem=TOO_LARGE)
                image.draft("RGB", (MAX_SIDE * 2, MAX_SIDE * 2))  # a JPEG is decoded at a fraction of its size
                small = ImageOps.exif_transpose(image)
                small.thumbnail((MAX_SIDE, MAX_SIDE))
                clear = small.mode in ("RGBA", "LA", "PA") or "transparency" in small.info
                small = small.convert("RGBA" if clear else "RGB")
                out = io.BytesIO()
                # Saved from the pixels only: no EXIF, GPS or other metadata is passed on.
                small.save(out, format="PNG" if clear else "JPEG", **({} if clear else {"quality": 80}))
    except (image_module.DecompressionBombError, image_module.DecompressionBombWarning):
        return Thumbnail(exhibit, problem=TOO_LARGE)
    except UnidentifiedImageError:
        return Thumbnail(exhibit, problem="no thumbnail: a format the report cannot show")
    except (OSError, ValueError, SyntaxError, EOFError):
        return Thumbnail(exhibit, problem="no thumbnail: the image could not be read")
    kind = "png" if clear else "jpeg"
    return Thumbnail(exhibit, f"data:image/{kind};base64,{base64.b64encode(out.getvalue()).decode('ascii')}")


def thumbnails(diary: Diary, exhibits: Sequence[Attachment]) -> tuple[Thumbnail, ...]:
    """Thumbnails of the image ``exhibits`` (opened from ``diary``: needs its passphrase), in exhibit order."""
    load_pillow()
    out = []
    for item in exhibits:
        if is_image(item):
            data = content(diary, item)  # checked against its SHA-256; held in memory only
            out.append(thumbnail(data, item.exhibit))
            del data
    return tuple(out)
