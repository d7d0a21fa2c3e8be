"""Image and mask pairs written by ``bladderln dataset`` for dual-dataset training.

``bladderln dataset --slides DIR --out ROOT`` writes ROOT/dataset.json and two sets of
PNG pairs at the model's input size and resolution:

* ``original``: tissue fields read as the uniform pass reads them,
* ``resampled``: the same fields warped by the product's saliency sampler into one
  composite patch each, the masks warped identically.

Masks are 8-bit grey with tumour at 255. Only fields whose saliency had a blob have a
resampled pair, so the resampled set can be smaller than the original one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

SETS = ("original", "resampled")

# Grey level (ITU-R BT.601 luma) below which a pixel counts as tissue in the validation
# metrics. The slides' glass is brighter.
TISSUE_LUMA_BELOW = 200.0


@dataclass(frozen=True)
class FieldPair:
    """Paths of one image and its mask."""

    image: Path
    mask: Path


class FieldDataset:
    """The pairs of both sets of one dataset folder."""

    def __init__(self, root: Path) -> None:
        index_path = root / "dataset.json"
        if not index_path.is_file():
            raise FileNotFoundError(
                f"{index_path} not found; create the dataset with "
                "'bladderln dataset --slides DIR --out ROOT'"
            )
        index = json.loads(index_path.read_text(encoding="utf-8"))
        self.root = root
        self.input_size = int(index["input_size"])
        self.microns_per_pixel = float(index["microns_per_pixel"])
        self.pairs: dict[str, list[FieldPair]] = {name: [] for name in SETS}
        for sample in index["samples"]:
            for name in SETS:
                entry = sample.get(name)
                if entry is not None:
                    self.pairs[name].append(FieldPair(root / entry["image"], root / entry["mask"]))
        for name in SETS:
            if not self.pairs[name]:
                raise ValueError(f"{index_path} lists no {name} pairs; dual-dataset training needs both sets")

    def count(self, set_name: str) -> int:
        return len(self.pairs[set_name])

    def load(self, set_name: str, index: int) -> tuple[np.ndarray, np.ndarray]:
        """Return image ``index`` of a set as uint8 (H, W, 3) and its mask as bool (H, W)."""
        pair = self.pairs[set_name][index]
        with Image.open(pair.image) as image:
            rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
        with Image.open(pair.mask) as mask_image:
            mask = np.asarray(mask_image.convert("L"), dtype=np.uint8) >= 128
        if rgb.shape[:2] != mask.shape:
            raise ValueError(
                f"image and mask sizes differ: {pair.image} is {rgb.shape[:2]} but {pair.mask} is {mask.shape}; "
                "rerun 'bladderln dataset' to rewrite the pair"
            )
        return rgb, mask


def tissue_mask(image: np.ndarray) -> np.ndarray:
    """Return the pixels of a uint8 RGB image darker than the glass, as bool (H, W)."""
    luma = image[..., 0] * 0.299 + image[..., 1] * 0.587 + image[..., 2] * 0.114
    return luma < TISSUE_LUMA_BELOW


def random_crop(
    image: np.ndarray, mask: np.ndarray, size: int, rng: np.random.Generator, tumour_bias: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Cut a ``size`` x ``size`` crop at a random position.

    With probability ``tumour_bias``, and when the mask has tumour, the crop contains a
    randomly chosen tumour pixel, so that small foci are not mostly cropped away.
    """
    height, width = mask.shape
    if size > height or size > width:
        raise ValueError(f"crop of {size} px does not fit a {width} x {height} image")
    if size == height and size == width:
        return image, mask
    tumour = np.flatnonzero(mask)
    if tumour.size and rng.random() < tumour_bias:
        centre_y, centre_x = np.unravel_index(tumour[rng.integers(tumour.size)], mask.shape)
        top = int(np.clip(centre_y - rng.integers(size), 0, height - size))
        left = int(np.clip(centre_x - rng.integers(size), 0, width - size))
    else:
        top = int(rng.integers(height - size + 1))
        left = int(rng.integers(width - size + 1))
    return image[top : top + size, left : left + size], mask[top : top + size, left : left + size]
