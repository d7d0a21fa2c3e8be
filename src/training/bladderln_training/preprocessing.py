"""Input normalisation for training and evaluation.

The values must equal PIXEL_SCALE, CHANNEL_MEAN and CHANNEL_STD in
src/training/export_onnx.py, which writes them into the manifest. The C# inference
code applies the manifest values to every tile, so training has to use the same ones.
"""

from __future__ import annotations

import numpy as np
import torch

# ImageNet statistics in RGB order, applied to pixel values scaled to [0, 1].
PIXEL_SCALE = 255.0
CHANNEL_MEAN = [0.485, 0.456, 0.406]
CHANNEL_STD = [0.229, 0.224, 0.225]


def normalize_images(images: np.ndarray) -> torch.Tensor:
    """Convert RGB images, uint8 or float in [0, 255], shape (N, H, W, 3), to a normalised float32 NCHW tensor."""
    if images.ndim != 4 or images.shape[-1] != 3:
        raise ValueError(f"expected images of shape (N, H, W, 3), got {images.shape}")
    tensor = torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32)).permute(0, 3, 1, 2)
    mean = torch.tensor(CHANNEL_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(CHANNEL_STD).view(1, 3, 1, 1)
    return ((tensor / PIXEL_SCALE - mean) / std).contiguous()
