"""Validation metrics for the tumour segmentation, accumulated over a set of patches.

Pixel counts are summed over all patches before the ratios are taken, so large foci
weigh more than small ones. The patch-level rates treat each patch as one case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A patch counts as "detected" or as a "false positive" when at least this many pixels
# are at or above the threshold. 25 pixels are 100 um^2 at 2.0 um/px, about the area
# of one small tumour nucleus, so single stray pixels do not count.
MIN_DETECTION_PIXELS = 25

METRIC_DEFINITIONS = {
    "pixelIoU": "TP / (TP + FP + FN) over all pixels of all patches, tumour as the positive class",
    "pixelRecall": "TP / (TP + FN) over all pixels: share of tumour pixels at or above the threshold",
    "pixelPrecision": "TP / (TP + FP) over all pixels: share of predicted tumour pixels that are tumour",
    "pixelDice": "2 TP / (2 TP + FP + FN) over all pixels",
    "tumourPatchDetectionRate": (
        f"share of patches with tumour that have at least {MIN_DETECTION_PIXELS} predicted tumour pixels"
    ),
    "tumourFreePatchFalsePositiveRate": (
        f"share of tumour-free patches that have at least {MIN_DETECTION_PIXELS} predicted tumour pixels"
    ),
    "tumourFreePixelFalsePositiveRate": "share of the pixels of tumour-free patches that are predicted tumour",
    "glassPixelFalsePositiveRate": "share of glass and fat pixels (no cells) that are predicted tumour",
    "meanProbabilityTumour": "mean sigmoid output over tumour pixels",
    "meanProbabilityNonTumour": "mean sigmoid output over non-tumour pixels",
}


@dataclass
class SegmentationMetrics:
    """Pixel and patch counts for the tumour class at one threshold."""

    threshold: float = 0.5
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    tumour_patches: int = 0
    tumour_patches_detected: int = 0
    tumour_free_patches: int = 0
    tumour_free_patches_flagged: int = 0
    tumour_free_pixels: int = 0
    tumour_free_false_positive: int = 0
    glass_pixels: int = 0
    glass_false_positive: int = 0
    tumour_probability_sum: float = 0.0
    non_tumour_probability_sum: float = 0.0

    def update(self, probability: np.ndarray, mask: np.ndarray, tissue: np.ndarray) -> None:
        """Add one patch: ``probability`` is the sigmoid output, ``mask`` and ``tissue`` are bool, all (H, W)."""
        if probability.shape != mask.shape or mask.shape != tissue.shape:
            raise ValueError(
                f"probability, mask and tissue must have the same shape, got "
                f"{probability.shape}, {mask.shape} and {tissue.shape}"
            )
        predicted = probability >= self.threshold
        true_positive = int(np.count_nonzero(predicted & mask))
        false_positive = int(np.count_nonzero(predicted & ~mask))
        false_negative = int(np.count_nonzero(~predicted & mask))
        self.true_positive += true_positive
        self.false_positive += false_positive
        self.false_negative += false_negative
        self.true_negative += mask.size - true_positive - false_positive - false_negative

        self.tumour_probability_sum += float(probability[mask].sum(dtype=np.float64))
        self.non_tumour_probability_sum += float(probability[~mask].sum(dtype=np.float64))

        flagged = np.count_nonzero(predicted) >= MIN_DETECTION_PIXELS
        if mask.any():
            self.tumour_patches += 1
            self.tumour_patches_detected += int(flagged)
        else:
            self.tumour_free_patches += 1
            self.tumour_free_patches_flagged += int(flagged)
            self.tumour_free_pixels += mask.size
            self.tumour_free_false_positive += false_positive

        glass = ~tissue & ~mask
        self.glass_pixels += int(np.count_nonzero(glass))
        self.glass_false_positive += int(np.count_nonzero(predicted & glass))

    def summary(self) -> dict[str, float | int | None]:
        """Return the metrics named in METRIC_DEFINITIONS and the counts behind them. A ratio without cases is None."""
        tumour_pixels = self.true_positive + self.false_negative
        non_tumour_pixels = self.false_positive + self.true_negative
        values = {
            "pixelIoU": ratio(self.true_positive, self.true_positive + self.false_positive + self.false_negative),
            "pixelRecall": ratio(self.true_positive, tumour_pixels),
            "pixelPrecision": ratio(self.true_positive, self.true_positive + self.false_positive),
            "pixelDice": ratio(
                2 * self.true_positive, 2 * self.true_positive + self.false_positive + self.false_negative
            ),
            "tumourPatchDetectionRate": ratio(self.tumour_patches_detected, self.tumour_patches),
            "tumourFreePatchFalsePositiveRate": ratio(self.tumour_free_patches_flagged, self.tumour_free_patches),
            "tumourFreePixelFalsePositiveRate": ratio(self.tumour_free_false_positive, self.tumour_free_pixels),
            "glassPixelFalsePositiveRate": ratio(self.glass_false_positive, self.glass_pixels),
            "meanProbabilityTumour": ratio(self.tumour_probability_sum, tumour_pixels),
            "meanProbabilityNonTumour": ratio(self.non_tumour_probability_sum, non_tumour_pixels),
        }
        counts = {
            "threshold": self.threshold,
            "tumourPatches": self.tumour_patches,
            "tumourFreePatches": self.tumour_free_patches,
            "tumourPixels": tumour_pixels,
            "nonTumourPixels": non_tumour_pixels,
        }
        return {**values, **counts}


def ratio(numerator: float, denominator: float) -> float | None:
    """Return numerator / denominator rounded to 4 decimals, or None when the denominator is 0."""
    if denominator == 0:
        return None
    return round(numerator / denominator, 4)
