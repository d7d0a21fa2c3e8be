"""Training-side Python code for BladderLnAi.

The package defines the HRNetV2-W18 segmentation network.
``src/training/export_onnx.py`` exports it to the ONNX model and manifest that the
C# inference code loads.
"""

from bladderln_training.hrnet import (
    HRNET_W18_PARAMETERS,
    SIZE_MULTIPLE,
    HRNetV2Segmentation,
    count_parameters,
    hrnet_w18,
)

__all__ = [
    "HRNET_W18_PARAMETERS",
    "SIZE_MULTIPLE",
    "HRNetV2Segmentation",
    "count_parameters",
    "hrnet_w18",
]
