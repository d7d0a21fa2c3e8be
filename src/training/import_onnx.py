"""Recover a trainable hrnet_w18() state dict from an exported model.onnx.

The export folds every BatchNorm into the convolution before it, so model.onnx contains
one weight and one bias per convolution: W' = W g / sqrt(v + eps) and
b' = beta - m g / sqrt(v + eps). The original W, g, beta, m and v cannot be separated
again, but an equivalent state dict can be built:

1. Each convolution gets W', and its BatchNorm becomes y + b' (mean 0, variance
   1 - eps, scale 1, shift b'). In eval mode the network then computes exactly what
   model.onnx computes.
2. One eval-mode pass over calibration images measures the mean m and variance v
   of every BatchNorm input (the output of W'). The BatchNorm is then set to mean m,
   variance v, scale sqrt(v + eps) and shift m + b'. Eval mode still computes
   y + b' exactly, and train mode, which normalises with the batch statistics, starts
   close to it on images like the calibration ones, so fine-tuning starts from the
   exported behaviour.

The convolutions of model.onnx are matched to the PyTorch modules by order: the
export traces the forward pass, so its Conv nodes follow the order in which the
modules run. The shapes of every pair are checked, and --check-image compares the
recovered network with the ONNX file through the product's own inference.

Example, from the repository root:
    nice -n 10 /usr/bin/python3 src/training/import_onnx.py --onnx models/hrnet_w18/model.onnx \\
        --dataset /tmp/dataset --out /tmp/bundled.pt --threads 2
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

from bladderln_training import hrnet_w18
from bladderln_training.field_dataset import SETS, FieldDataset
from bladderln_training.preprocessing import normalize_images
from bladderln_training.synthetic import generate_patch

log = logging.getLogger("import_onnx")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Recover an hrnet_w18() state dict from an exported model.onnx.")

    parser.add_argument("--onnx", type=Path, required=True, metavar="FILE.onnx", help="model exported by export_onnx.py")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pt", help="state dict to write")
    parser.add_argument(
        "--dataset",
        type=Path,
        metavar="ROOT",
        help=(
            "calibrate the BatchNorm statistics on images of this 'bladderln dataset' folder, "
            "both sets (default: synthetic patches of seed 0)"
        ),
    )
    parser.add_argument(
        "--calibration-images", type=int, default=32, metavar="N", help="calibration images (default: 32)"
    )
    parser.add_argument(
        "--calibration-size",
        type=int,
        default=256,
        metavar="PIXELS",
        help="side of the calibration crops in pixels (default: 256, the training crop size)",
    )
    parser.add_argument("--threads", type=int, metavar="N", help="number of torch CPU threads")

    args = parser.parse_args(argv)
    if not args.onnx.is_file():
        parser.error(f"--onnx file not found: {args.onnx}")
    if args.calibration_images <= 0:
        parser.error(f"--calibration-images must be positive, got {args.calibration_images}")
    if args.out.suffix != ".pt":
        parser.error(f"--out must end in .pt, got {args.out}")
    return args


def onnx_convolutions(path: Path) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """Return the weight and bias of every Conv node of the ONNX graph, in graph order."""
    model = onnx.load(str(path))
    initializers = {tensor.name: numpy_helper.to_array(tensor).copy() for tensor in model.graph.initializer}
    convolutions = []
    for node in model.graph.node:
        if node.op_type != "Conv":
            continue
        weight = initializers[node.input[1]]
        bias = initializers[node.input[2]] if len(node.input) > 2 and node.input[2] else None
        convolutions.append((weight, bias))
    return convolutions


def module_call_order(model: nn.Module) -> list[nn.Module]:
    """Return the Conv2d and BatchNorm2d modules in the order one forward pass calls them."""
    calls: list[nn.Module] = []
    hooks = [
        module.register_forward_hook(lambda module, _inputs, _output: calls.append(module))
        for module in model.modules()
        if isinstance(module, (nn.Conv2d, nn.BatchNorm2d))
    ]
    try:
        with torch.no_grad():
            model(torch.zeros(1, 3, 64, 64))
    finally:
        for hook in hooks:
            hook.remove()
    return calls


def pair_convolutions(calls: list[nn.Module]) -> list[tuple[nn.Conv2d, nn.BatchNorm2d | None]]:
    """Pair each convolution with the BatchNorm that runs right after it, or None when none does."""
    pairs = []
    for index, module in enumerate(calls):
        if isinstance(module, nn.Conv2d):
            following = calls[index + 1] if index + 1 < len(calls) else None
            batch_norm = following if isinstance(following, nn.BatchNorm2d) else None
            pairs.append((module, batch_norm))
    return pairs


def load_folded(model: nn.Module, convolutions: list[tuple[np.ndarray, np.ndarray | None]]) -> list:
    """Give every convolution its folded ONNX weight and make its BatchNorm add the folded bias (step 1)."""
    pairs = pair_convolutions(module_call_order(model))
    if len(pairs) != len(convolutions):
        raise SystemExit(
            f"error: the ONNX graph has {len(convolutions)} convolutions but hrnet_w18 runs {len(pairs)}; "
            "the file was not exported from this architecture"
        )
    with torch.no_grad():
        for index, ((conv, batch_norm), (weight, bias)) in enumerate(zip(pairs, convolutions)):
            if tuple(conv.weight.shape) != weight.shape:
                raise SystemExit(
                    f"error: convolution {index} has shape {tuple(conv.weight.shape)} in hrnet_w18 "
                    f"but {weight.shape} in the ONNX file"
                )
            conv.weight.copy_(torch.from_numpy(weight))
            folded_bias = torch.from_numpy(bias) if bias is not None else torch.zeros(weight.shape[0])
            if batch_norm is None:
                if conv.bias is None:
                    raise SystemExit(f"error: convolution {index} has no BatchNorm and no bias to take the ONNX bias")
                conv.bias.copy_(folded_bias)
                continue
            batch_norm.running_mean.zero_()
            batch_norm.running_var.fill_(1.0 - batch_norm.eps)
            batch_norm.weight.fill_(1.0)
            batch_norm.bias.copy_(folded_bias)
    return pairs


def calibration_images(args: argparse.Namespace) -> np.ndarray:
    """Return uint8 RGB calibration crops (N, S, S, 3): half from each dataset set, or synthetic patches."""
    size = args.calibration_size
    if args.dataset is None:
        return np.stack([generate_patch(0, index, size).image for index in range(args.calibration_images)])
    dataset = FieldDataset(args.dataset)
    images = []
    for set_name in SETS:
        for index in range(min(dataset.count(set_name), (args.calibration_images + 1) // 2)):
            image, _ = dataset.load(set_name, index)
            top, left = (image.shape[0] - size) // 2, (image.shape[1] - size) // 2
            images.append(image[top : top + size, left : left + size])
    return np.stack(images)


def calibrate(model: nn.Module, pairs: list, images: np.ndarray, batch_size: int = 4) -> None:
    """Measure every BatchNorm input over ``images`` in eval mode and rebuild the BatchNorm around it (step 2)."""
    sums: dict[nn.Module, torch.Tensor] = {}
    squares: dict[nn.Module, torch.Tensor] = {}
    counts: dict[nn.Module, int] = {}

    def record(module: nn.Module, inputs: tuple[torch.Tensor, ...], _output: torch.Tensor) -> None:
        values = inputs[0].double()
        sums[module] = sums.get(module, 0) + values.sum(dim=(0, 2, 3))
        squares[module] = squares.get(module, 0) + (values**2).sum(dim=(0, 2, 3))
        counts[module] = counts.get(module, 0) + values.shape[0] * values.shape[2] * values.shape[3]

    batch_norms = [batch_norm for _, batch_norm in pairs if batch_norm is not None]
    hooks = [batch_norm.register_forward_hook(record) for batch_norm in batch_norms]
    model.eval()
    try:
        with torch.no_grad():
            for start in range(0, len(images), batch_size):
                model(normalize_images(images[start : start + batch_size]))
    finally:
        for hook in hooks:
            hook.remove()

    with torch.no_grad():
        for batch_norm in batch_norms:
            mean = sums[batch_norm] / counts[batch_norm]
            variance = torch.clamp(squares[batch_norm] / counts[batch_norm] - mean**2, min=0.0)
            folded_bias = batch_norm.bias.double().clone()
            batch_norm.running_mean.copy_(mean.float())
            batch_norm.running_var.copy_(variance.float())
            batch_norm.weight.copy_(torch.sqrt(variance + batch_norm.eps).float())
            batch_norm.bias.copy_((mean + folded_bias).float())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if args.threads is not None:
        torch.set_num_threads(args.threads)

    model = hrnet_w18(num_classes=1).eval()
    convolutions = onnx_convolutions(args.onnx)
    pairs = load_folded(model, convolutions)
    log.info("loaded %d folded convolutions from %s", len(convolutions), args.onnx)

    images = calibration_images(args)
    probe = normalize_images(images[:2])
    with torch.no_grad():
        before = model(probe)
    calibrate(model, pairs, images)
    with torch.no_grad():
        after = model(probe)
    difference = (after - before).abs().max().item()
    log.info("calibrated BatchNorm on %d images; eval output changed by at most %.3g", len(images), difference)
    if difference > 1e-3:
        raise SystemExit(f"error: calibration changed the eval-mode logits by {difference:.3g}, expected rounding error")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out)
    log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
