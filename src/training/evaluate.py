"""Score a trained HRNetV2-W18 state dict on synthetic test patches and write the metrics as JSON.

The test patches come from their own seed stream (--seed, default 2000), which is
neither the training stream nor the validation stream that ``train.py`` uses by
default. They are generated at the product's tile size of 512 x 512 pixels.

Example:
    nice -n 10 /usr/bin/python3 src/training/evaluate.py --weights /tmp/hrnet_w18/weights.pt \\
        --out /tmp/hrnet_w18/metrics.json --threads 2

The output file is meant for ``export_onnx.py --metrics``, which copies it into the
manifest, so its keys are camelCase like the rest of the manifest.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import torch

from bladderln_training import SIZE_MULTIPLE, hrnet_w18
from bladderln_training.evaluation import evaluate_patches
from bladderln_training.metrics import METRIC_DEFINITIONS
from bladderln_training.synthetic import MICRONS_PER_PIXEL, generate_patch

log = logging.getLogger("evaluate")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Score an hrnet_w18() state dict on synthetic test patches.")
    parser.add_argument(
        "--weights", type=Path, required=True, metavar="FILE.pt", help="state dict saved by train.py"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE.json", help="write the metrics to this JSON file (default: print only)"
    )
    parser.add_argument(
        "--seed", type=int, default=2000, metavar="N", help="seed of the test patches (default: 2000)"
    )
    parser.add_argument(
        "--patches", type=int, default=64, metavar="N", help="number of test patches (default: 64)"
    )
    parser.add_argument(
        "--size",
        type=int,
        default=512,
        metavar="PIXELS",
        help=f"height and width of the test patches, a multiple of {SIZE_MULTIPLE} (default: 512)",
    )
    parser.add_argument(
        "--batch-size", type=int, default=2, metavar="N", help="patches per forward pass (default: 2)"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        metavar="P",
        help="probability at or above which a pixel counts as tumour (default: 0.5)",
    )
    parser.add_argument(
        "--threads", type=int, metavar="N", help="number of torch CPU threads (default: torch's choice)"
    )
    args = parser.parse_args(argv)

    if not args.weights.is_file():
        parser.error(f"--weights file not found: {args.weights}")
    if args.size <= 0 or args.size % SIZE_MULTIPLE != 0:
        parser.error(f"--size must be a positive multiple of {SIZE_MULTIPLE} pixels, got {args.size}")
    if args.patches <= 0 or args.batch_size <= 0:
        parser.error(f"--patches and --batch-size must be positive, got {args.patches} and {args.batch_size}")
    if not 0.0 < args.threshold < 1.0:
        parser.error(f"--threshold must be between 0 and 1, got {args.threshold}")
    if args.threads is not None and args.threads <= 0:
        parser.error(f"--threads must be positive, got {args.threads}")
    return args


def load_model(path: Path) -> torch.nn.Module:
    """Load a state dict into hrnet_w18(num_classes=1) and return the model in eval mode."""
    try:
        state_dict = torch.load(path, map_location="cpu", weights_only=True)
        model = hrnet_w18(num_classes=1)
        model.load_state_dict(state_dict, strict=True)
    except Exception as error:
        # torch.load raises several exception types for damaged files, and
        # load_state_dict raises RuntimeError for a different architecture.
        raise SystemExit(f"error: failed to load {path} as an hrnet_w18 state dict: {error}") from error
    return model.eval()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if args.threads is not None:
        torch.set_num_threads(args.threads)

    model = load_model(args.weights)
    started = time.monotonic()
    log.info("generating %d test patches of %d px (seed %d)", args.patches, args.size, args.seed)
    patches = [generate_patch(args.seed, index, args.size) for index in range(args.patches)]
    summary = evaluate_patches(model, patches, args.batch_size, args.threshold).summary()
    log.info("scored %d patches in %.0f s", args.patches, time.monotonic() - started)

    result: dict[str, Any] = {
        "evaluatedOn": (
            f"{args.patches} synthetic test patches of {args.size} x {args.size} pixels at {MICRONS_PER_PIXEL} um/px "
            f"from src/training/bladderln_training/synthetic.py, seed {args.seed}, indices 0-{args.patches - 1}"
        ),
        **summary,
        "definitions": METRIC_DEFINITIONS,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
