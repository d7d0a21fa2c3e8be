"""Export the HRNetV2-W18 segmentation network to ONNX and write its manifest.

Without --weights the script exports the seeded random initialisation, which is
untrained and only exercises the inference pipeline. With --weights it loads a
PyTorch state dict saved from ``hrnet_w18()``.

Example, from the repository root:
    /usr/bin/python3 src/training/export_onnx.py --out models/hrnet_w18 --seed 0

The outputs are OUT/model.onnx and OUT/manifest.json. The C# side reads the manifest
keys in camelCase, so renaming a key breaks the consumer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import onnx
import torch

from bladderln_training import (
    HRNET_W18_PARAMETERS,
    SIZE_MULTIPLE,
    count_parameters,
    hrnet_w18,
)

MODEL_NAME = "hrnet_w18"
ARCHITECTURE = (
    "HRNetV2-W18 segmentation, branch widths 18/36/72/144, one output channel"
)
MODEL_FILE = "model.onnx"
MANIFEST_FILE = "manifest.json"
OPSET = 17
INPUT_NAME = "image"
OUTPUT_NAME = "logits"
UNTRAINED_VERSION = "0.1.0-untrained"

# ImageNet statistics in RGB order, applied to pixel values scaled to [0, 1].
PIXEL_SCALE = 255.0
CHANNEL_MEAN = [0.485, 0.456, 0.406]
CHANNEL_STD = [0.229, 0.224, 0.225]

# Maximum size of model.onnx that the repository accepts as a plain Git file.
MAX_MODEL_BYTES = 50 * 1024 * 1024

# Tolerance between the eager model and its traced re-run. Both run the same float32
# CPU kernels, so they are expected to agree to rounding error.
TRACE_ATOL = 1e-4
TRACE_RTOL = 1e-4

# Manifest fields that describe trained weights, with the options that set them.
TRAINED_ONLY_OPTIONS = {
    "version": "--version",
    "training_data": "--training-data",
    "metrics": "--metrics",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Export HRNetV2-W18 (one output channel of logits) to ONNX opset 17 "
            "and write OUT/model.onnx and OUT/manifest.json."
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="output folder, created if missing",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="random seed for the weight initialisation and the example input "
        "(default: 0)",
    )
    parser.add_argument(
        "--input-size",
        type=int,
        default=512,
        metavar="PIXELS",
        help="height and width of the square input tile in pixels, a multiple of "
        f"{SIZE_MULTIPLE} (default: 512)",
    )
    parser.add_argument(
        "--microns-per-pixel",
        type=float,
        default=2.0,
        metavar="UM",
        help="slide resolution in micrometres per pixel that the network expects "
        "at its input (default: 2.0)",
    )
    parser.add_argument(
        "--weights",
        type=Path,
        metavar="FILE.pt",
        help="PyTorch state dict of hrnet_w18() to export "
        "(default: the untrained seeded initialisation)",
    )
    parser.add_argument(
        "--version",
        metavar="VERSION",
        help="model version for the manifest, required with --weights",
    )
    parser.add_argument(
        "--training-data",
        metavar="TEXT",
        help="one-line description of the training data for the manifest, "
        "required with --weights",
    )
    parser.add_argument(
        "--metrics",
        type=Path,
        metavar="FILE.json",
        help="JSON file with validation metrics to copy into the manifest, "
        "valid only with --weights",
    )
    args = parser.parse_args(argv)
    args.metrics_data = None

    if args.input_size <= 0 or args.input_size % SIZE_MULTIPLE != 0:
        parser.error(
            f"--input-size must be a positive multiple of {SIZE_MULTIPLE} pixels, "
            f"got {args.input_size}"
        )
    if args.microns_per_pixel <= 0:
        parser.error(
            f"--microns-per-pixel must be positive, got {args.microns_per_pixel}"
        )

    if args.weights is None:
        given_options = [
            option
            for name, option in TRAINED_ONLY_OPTIONS.items()
            if getattr(args, name) is not None
        ]
        if given_options:
            parser.error(
                f"{', '.join(given_options)} can only be used with --weights, "
                "because the manifest fields they set describe trained weights"
            )
    else:
        if not args.weights.is_file():
            parser.error(f"--weights file not found: {args.weights}")
        if not args.version or not args.training_data:
            parser.error(
                "--weights requires --version and --training-data, "
                "which go into the manifest"
            )
        if args.metrics is not None:
            args.metrics_data = read_metrics(parser, args.metrics)
    return args


def read_metrics(parser: argparse.ArgumentParser, path: Path) -> Any:
    if not path.is_file():
        parser.error(f"--metrics file not found: {path}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        parser.error(f"--metrics file {path} is not valid JSON: {error}")


def build_model(seed: int, weights: Path | None) -> torch.nn.Module:
    """Build hrnet_w18 in eval mode from ``seed``, then load ``weights`` if given."""
    torch.manual_seed(seed)
    model = hrnet_w18(num_classes=1)

    if weights is not None:
        load_weights(model, weights)

    # Eval mode makes BatchNorm use its running statistics, which the export folds
    # into the convolution weights.
    model.eval()
    return model


def load_weights(model: torch.nn.Module, weights: Path) -> None:
    # weights_only=True unpickles tensors and containers only, never arbitrary
    # objects. torch.load raises different exception types for damaged files
    # (KeyError for a text file with torch 1.13), so any exception is reported as an
    # unreadable file.
    try:
        state_dict = torch.load(weights, map_location="cpu", weights_only=True)
    except Exception as error:
        raise SystemExit(
            f"error: failed to load {weights} as a PyTorch state dict: {error}"
        ) from error

    if not isinstance(state_dict, dict):
        raise SystemExit(
            f"error: {weights} does not contain a state dict, "
            f"found {type(state_dict).__name__}"
        )
    try:
        model.load_state_dict(state_dict, strict=True)
    except RuntimeError as error:
        raise SystemExit(
            f"error: {weights} does not match hrnet_w18(num_classes=1): {error}"
        ) from error


def check_parameter_count(model: torch.nn.Module) -> int:
    parameters = count_parameters(model)
    print(f"parameters: {parameters:,} ({parameters / 1e6:.2f} million)")
    if parameters != HRNET_W18_PARAMETERS:
        raise SystemExit(
            f"error: hrnet_w18 has {parameters:,} parameters, "
            f"expected {HRNET_W18_PARAMETERS:,}. The architecture changed, so update "
            "HRNET_W18_PARAMETERS in bladderln_training/hrnet.py only if the change "
            "is intended."
        )
    return parameters


def check_trace(model: torch.nn.Module, example: torch.Tensor, seed: int) -> None:
    """Trace the model and check the traced graph against eager PyTorch.

    The check input is a new batch of 2, unlike the traced example of batch 1, so the
    check also fails if tracing baked the batch size into the graph.
    """
    generator = torch.Generator().manual_seed(seed + 1)
    size = example.shape[-1]
    check_input = torch.randn(2, 3, size, size, generator=generator)

    with torch.no_grad():
        traced = torch.jit.trace(model, example)
        expected = model(check_input)
        actual = traced(check_input)

    torch.testing.assert_close(actual, expected, atol=TRACE_ATOL, rtol=TRACE_RTOL)
    max_difference = (actual - expected).abs().max().item()
    print(
        "traced model matches eager PyTorch on a batch of 2: "
        f"max abs difference {max_difference:.3g}"
    )


def export(model: torch.nn.Module, example: torch.Tensor, path: Path) -> None:
    with torch.no_grad(), warnings.catch_warnings():
        # torch 1.13 warns on every export that it has no shape inference for
        # prim::Constant. check_onnx() checks the exported input and output shapes,
        # so the warning is hidden.
        warnings.filterwarnings(
            "ignore", message="The shape inference of prim::Constant type is missing"
        )
        torch.onnx.export(
            model,
            example,
            str(path),
            export_params=True,
            opset_version=OPSET,
            do_constant_folding=True,
            training=torch.onnx.TrainingMode.EVAL,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
            dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
        )


def describe_value(value: onnx.ValueInfoProto) -> tuple[int, list[int | str]]:
    """Return the element type and shape of a graph input or output.

    Symbolic dimensions appear as their names.
    """
    tensor_type = value.type.tensor_type
    dims: list[int | str] = []
    for dim in tensor_type.shape.dim:
        dims.append(dim.dim_param if dim.dim_param else dim.dim_value)
    return tensor_type.elem_type, dims


def check_onnx(path: Path, input_size: int) -> None:
    """Run the ONNX checker with shape inference, then check the input and output.

    The input and output must have the expected names, float32 type, a symbolic
    batch axis and fixed channel and spatial sizes.
    """
    onnx.checker.check_model(str(path), full_check=True)
    model = onnx.load(str(path))

    expected = {
        INPUT_NAME: [3, input_size, input_size],
        OUTPUT_NAME: [1, input_size, input_size],
    }
    values = list(model.graph.input) + list(model.graph.output)
    for name, expected_dims in expected.items():
        matches = [value for value in values if value.name == name]
        if len(matches) != 1:
            raise SystemExit(
                f"error: {path} has {len(matches)} graph inputs or outputs "
                f"named {name!r}, expected 1"
            )

        elem_type, dims = describe_value(matches[0])
        if elem_type != onnx.TensorProto.FLOAT:
            raise SystemExit(
                f"error: {name!r} has ONNX element type {elem_type}, "
                "expected FLOAT (1)"
            )
        if len(dims) != 4 or not isinstance(dims[0], str) or dims[1:] != expected_dims:
            raise SystemExit(
                f"error: {name!r} has shape {dims}, "
                f"expected [batch] + {expected_dims} with a symbolic batch axis"
            )
        print(f"onnx {name}: float32 {dims}")

    opsets = {entry.domain: entry.version for entry in model.opset_import}
    if opsets.get("", opsets.get("ai.onnx")) != OPSET:
        raise SystemExit(
            f"error: {path} imports opsets {opsets}, expected ai.onnx {OPSET}"
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(
    args: argparse.Namespace, sha256: str, parameters: int
) -> dict[str, Any]:
    trained = args.weights is not None
    if trained:
        version = args.version
        training_data = args.training_data
        metrics = args.metrics_data
    else:
        version = UNTRAINED_VERSION
        training_data = (
            f"None. Weights are a seeded random initialisation (seed {args.seed}) "
            "for testing the pipeline; the model detects nothing meaningful."
        )
        metrics = None

    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return {
        "name": MODEL_NAME,
        "version": version,
        "architecture": ARCHITECTURE,
        "file": MODEL_FILE,
        "sha256": sha256,
        "opset": OPSET,
        "parameters": parameters,
        "input": {
            "name": INPUT_NAME,
            "size": args.input_size,
            "layout": "NCHW",
            "channelOrder": "RGB",
            "scale": PIXEL_SCALE,
            "mean": CHANNEL_MEAN,
            "std": CHANNEL_STD,
            "micronsPerPixel": args.microns_per_pixel,
        },
        "output": {"name": OUTPUT_NAME, "activation": "sigmoid", "threshold": 0.5},
        "trained": trained,
        "trainingData": training_data,
        "metrics": metrics,
        "createdUtc": created.replace("+00:00", "Z"),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    model = build_model(args.seed, args.weights)
    parameters = check_parameter_count(model)

    args.out.mkdir(parents=True, exist_ok=True)
    model_path = args.out / MODEL_FILE

    # The example input only fixes the traced shapes. Its values do not reach the
    # exported weights.
    generator = torch.Generator().manual_seed(args.seed)
    size = args.input_size
    example = torch.randn(1, 3, size, size, generator=generator)

    check_trace(model, example, args.seed)
    export(model, example, model_path)
    check_onnx(model_path, args.input_size)

    size_bytes = model_path.stat().st_size
    if size_bytes > MAX_MODEL_BYTES:
        raise SystemExit(
            f"error: {model_path} is {size_bytes / 2**20:.1f} MiB, "
            f"over the {MAX_MODEL_BYTES / 2**20:.0f} MiB limit"
        )
    sha256 = sha256_of(model_path)
    print(f"wrote {model_path}: {size_bytes:,} bytes, sha256 {sha256}")

    manifest = build_manifest(args, sha256, parameters)
    manifest_path = args.out / MANIFEST_FILE
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {manifest_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
