"""Run the segmentation network on synthetic patches and score it."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

from bladderln_training.metrics import SegmentationMetrics
from bladderln_training.preprocessing import normalize_images
from bladderln_training.synthetic import SyntheticPatch


def predict_probabilities(model: torch.nn.Module, images: np.ndarray, batch_size: int) -> np.ndarray:
    """Return the sigmoid output, float32 (N, H, W), for uint8 RGB images (N, H, W, 3).

    The caller sets the model mode; evaluation needs ``model.eval()`` so that BatchNorm
    uses its running statistics, as the exported ONNX model does.
    """
    outputs = []
    with torch.no_grad():
        for start in range(0, len(images), batch_size):
            logits = model(normalize_images(images[start : start + batch_size]))
            outputs.append(torch.sigmoid(logits[:, 0]).numpy())
    return np.concatenate(outputs)


def evaluate_patches(
    model: torch.nn.Module, patches: Sequence[SyntheticPatch], batch_size: int, threshold: float = 0.5
) -> SegmentationMetrics:
    """Score ``model`` in eval mode on ``patches``, then restore the model's previous mode."""
    was_training = model.training
    model.eval()
    metrics = SegmentationMetrics(threshold=threshold)
    try:
        for start in range(0, len(patches), batch_size):
            batch = patches[start : start + batch_size]
            probabilities = predict_probabilities(model, np.stack([patch.image for patch in batch]), batch_size)
            for patch, probability in zip(batch, probabilities):
                metrics.update(probability, patch.mask, patch.tissue)
    finally:
        model.train(was_training)
    return metrics
