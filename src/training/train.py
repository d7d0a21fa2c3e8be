"""Train HRNetV2-W18 on synthetic lymph-node patches and save its state dict.

Training patches are generated on the fly by ``bladderln_training.synthetic``: patch
``i`` of a run is ``generate_patch(--seed, i, --patch-size)``, so a run trains on
epochs x steps-per-epoch x batch-size distinct patches. Validation uses a fixed set of
patches from the separate stream --val-seed, scored in eval mode after every epoch and
once before training. Before each validation the BatchNorm running statistics are
recomputed over --bn-recalibration-patches training patches, see
recalibrate_batch_norm().

Example:
    nice -n 10 /usr/bin/python3 src/training/train.py --seed 0 --epochs 10 \\
        --steps-per-epoch 40 --out /tmp/hrnet_w18/weights.pt --max-minutes 25 --threads 2

Outputs: OUT (the state dict of ``hrnet_w18()``, written after every epoch) and OUT
with the suffix ``.jsonl`` (one JSON object per epoch: loss, learning rate, time and
validation metrics). ``src/training/export_onnx.py --weights OUT`` exports the result.

With the same arguments and thread count, two runs on the same CPU and library
versions see the same patches in the same order. --max-minutes can end a run earlier
on a slower or busier machine, and the log records how many steps were done. To
repeat such a run step for step, pass that count as --max-steps instead.

TODO: add the resampled "dual-dataset" patches that the product's C# resampler
writes as a second data source; this version trains on synthetic patches only.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from bladderln_training import SIZE_MULTIPLE, hrnet_w18
from bladderln_training.evaluation import evaluate_patches
from bladderln_training.preprocessing import normalize_images
from bladderln_training.synthetic import SyntheticPatch, generate_patch

log = logging.getLogger("train")

# Share of the steps with a linear learning-rate warm-up, and the final learning rate
# of the cosine decay as a share of --lr.
WARMUP_FRACTION = 0.05
FINAL_LR_FRACTION = 0.05

# Third seed word of the augmentation random streams. Patches use the two words (seed, index).
AUGMENTATION_STREAM = 1

# Safety factor on the measured step and validation times when deciding whether one
# more step and the validation after it still fit in --max-minutes. The times vary
# when other processes share the CPU.
TIME_MARGIN = 1.5


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Train HRNetV2-W18 (one logit channel) on synthetic H&E-like lymph-node patches "
            "at 2.0 um/px."
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="PATH.pt",
        help="output state dict, with the per-epoch log written to PATH.jsonl",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of the training patches, weight initialisation and augmentation (default: 0)",
    )
    parser.add_argument("--epochs", type=int, default=10, metavar="N", help="number of epochs (default: 10)")
    parser.add_argument(
        "--steps-per-epoch", type=int, default=40, metavar="N", help="optimizer steps per epoch (default: 40)"
    )
    parser.add_argument("--batch-size", type=int, default=4, metavar="N", help="patches per step (default: 4)")
    parser.add_argument(
        "--patch-size",
        type=int,
        default=256,
        metavar="PIXELS",
        help=f"height and width of the training patches in pixels, a multiple of {SIZE_MULTIPLE} (default: 256)",
    )
    parser.add_argument(
        "--lr", type=float, default=1e-3, metavar="RATE", help="peak Adam learning rate (default: 0.001)"
    )
    parser.add_argument(
        "--pos-weight",
        type=float,
        default=1.0,
        metavar="W",
        help=(
            "weight of tumour pixels in the binary cross-entropy "
            "(default: 1.0, because about 30%% of the synthetic pixels are tumour)"
        ),
    )
    parser.add_argument(
        "--val-seed",
        type=int,
        default=1000,
        metavar="N",
        help="seed of the validation patches, different from --seed (default: 1000)",
    )
    parser.add_argument(
        "--val-patches", type=int, default=32, metavar="N", help="number of validation patches (default: 32)"
    )
    parser.add_argument(
        "--bn-recalibration-patches",
        type=int,
        default=64,
        metavar="N",
        help=(
            "recompute the BatchNorm running statistics over N training patches before every "
            "validation, 0 to skip (default: 64)"
        ),
    )
    parser.add_argument(
        "--max-minutes",
        type=float,
        metavar="MINUTES",
        help=(
            "wall-clock budget in minutes for the whole run, validation included. Training stops "
            "early and saves when the next step and validation would not fit, as estimated from "
            "recent step times"
        ),
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        metavar="N",
        help="stop after N optimizer steps. The learning-rate schedule still spans epochs x steps-per-epoch",
    )
    parser.add_argument(
        "--threads", type=int, metavar="N", help="number of torch CPU threads (default: torch's choice)"
    )
    args = parser.parse_args(argv)

    if args.patch_size <= 0 or args.patch_size % SIZE_MULTIPLE != 0:
        parser.error(f"--patch-size must be a positive multiple of {SIZE_MULTIPLE} pixels, got {args.patch_size}")
    for name in ("epochs", "steps_per_epoch", "batch_size", "val_patches"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_', '-')} must be positive, got {getattr(args, name)}")
    if args.bn_recalibration_patches < 0:
        parser.error(f"--bn-recalibration-patches must be 0 or more, got {args.bn_recalibration_patches}")
    if args.lr <= 0 or args.pos_weight <= 0:
        parser.error(f"--lr and --pos-weight must be positive, got {args.lr} and {args.pos_weight}")
    if args.val_seed == args.seed:
        parser.error(f"--val-seed must differ from --seed ({args.seed}) so that validation patches are not trained on")
    if args.max_minutes is not None and args.max_minutes <= 0:
        parser.error(f"--max-minutes must be positive, got {args.max_minutes}")
    if args.max_steps is not None and args.max_steps <= 0:
        parser.error(f"--max-steps must be positive, got {args.max_steps}")
    if args.threads is not None and args.threads <= 0:
        parser.error(f"--threads must be positive, got {args.threads}")
    if args.out.suffix != ".pt":
        parser.error(f"--out must end in .pt, got {args.out}")
    return args


def augment(patch: SyntheticPatch, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Return the image (float32, 0-255) and mask of ``patch`` after a random flip, 90-degree rotation and colour jitter."""
    image = patch.image.astype(np.float32)
    mask = patch.mask
    turns = int(rng.integers(4))
    image, mask = np.rot90(image, turns), np.rot90(mask, turns)
    if rng.random() < 0.5:
        image, mask = image[:, ::-1], mask[:, ::-1]

    # Colour jitter: per-channel gain (a small hue shift), saturation, contrast and brightness.
    image = image * rng.uniform(0.95, 1.05, 3).astype(np.float32)
    gray = image.mean(axis=2, keepdims=True)
    image = gray + (image - gray) * np.float32(rng.uniform(0.8, 1.2))
    mean = image.mean()
    image = mean + (image - mean) * np.float32(rng.uniform(0.85, 1.15))
    image = image * np.float32(rng.uniform(0.9, 1.1))
    return np.clip(image, 0.0, 255.0), np.ascontiguousarray(mask)


def make_batch(seed: int, first_index: int, batch_size: int, patch_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    images, masks = [], []
    for index in range(first_index, first_index + batch_size):
        # Augmentation draws from its own stream, so the patch itself does not depend on it.
        augmentation_rng = np.random.default_rng([seed, index, AUGMENTATION_STREAM])
        image, mask = augment(generate_patch(seed, index, patch_size), augmentation_rng)
        images.append(image)
        masks.append(mask)
    inputs = normalize_images(np.stack(images))
    targets = torch.from_numpy(np.stack(masks).astype(np.float32)).unsqueeze(1)
    return inputs, targets


def recalibrate_batch_norm(model: nn.Module, seed: int, count: int, patch_size: int, batch_size: int) -> None:
    """Recompute every BatchNorm running mean and variance as a plain average over ``count`` training patches.

    The running statistics that training keeps are an exponential average over
    batches seen while the weights were still changing. With batches of 4 and a high
    learning rate they lag behind the weights, and the eval-mode output drifts from
    one epoch to the next even while the training loss falls. The patches are the
    first ``count`` of the training stream, without augmentation. Gradients and
    weights are not touched, so the recalibration does not change the training.
    """
    batch_norms = [module for module in model.modules() if isinstance(module, nn.modules.batchnorm._BatchNorm)]
    momenta = [module.momentum for module in batch_norms]
    for module in batch_norms:
        module.reset_running_stats()
        # momentum=None makes BatchNorm keep a cumulative average over all batches.
        module.momentum = None

    was_training = model.training
    model.train()
    with torch.no_grad():
        for start in range(0, count, batch_size):
            indices = range(start, min(start + batch_size, count))
            images = np.stack([generate_patch(seed, index, patch_size).image for index in indices])
            model(normalize_images(images))
    model.train(was_training)
    for module, momentum in zip(batch_norms, momenta):
        module.momentum = momentum


def learning_rate_factor(step: int, total_steps: int) -> float:
    """Return the learning-rate multiplier at ``step``: linear warm-up, then cosine decay to FINAL_LR_FRACTION."""
    warmup = max(1, int(WARMUP_FRACTION * total_steps))
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total_steps - warmup)
    return FINAL_LR_FRACTION + (1.0 - FINAL_LR_FRACTION) * 0.5 * (1.0 + math.cos(math.pi * progress))


def save_state_dict(model: nn.Module, path: Path) -> None:
    """Write the state dict to a temporary file first, so an interrupted save leaves the previous file intact."""
    temporary = path.with_suffix(".pt.tmp")
    torch.save(model.state_dict(), temporary)
    os.replace(temporary, path)


class Budget:
    """Wall-clock budget of the run. ``None`` minutes means no limit."""

    def __init__(self, minutes: float | None) -> None:
        self.start = time.monotonic()
        self.deadline = None if minutes is None else self.start + 60.0 * minutes

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def allows(self, seconds: float) -> bool:
        """Return whether ``seconds`` more work still ends before the deadline."""
        return self.deadline is None or time.monotonic() + seconds <= self.deadline


def validate(
    model: nn.Module, patches: list[SyntheticPatch], args: argparse.Namespace
) -> tuple[dict[str, Any], float]:
    """Recalibrate BatchNorm if enabled, then score ``patches``; returns the metrics and the seconds both took."""
    started = time.monotonic()
    if args.bn_recalibration_patches > 0:
        recalibrate_batch_norm(model, args.seed, args.bn_recalibration_patches, args.patch_size, args.batch_size)
    summary = evaluate_patches(model, patches, args.batch_size).summary()
    return summary, time.monotonic() - started


def write_log_entry(log_file: Any, entry: dict[str, Any]) -> None:
    log_file.write(json.dumps(entry) + "\n")
    log_file.flush()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    budget = Budget(args.max_minutes)

    torch.manual_seed(args.seed)
    model = hrnet_w18(num_classes=1)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    total_steps = args.epochs * args.steps_per_epoch
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: learning_rate_factor(step, total_steps))
    loss_function = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([args.pos_weight]))

    log.info("generating %d validation patches of %d px (seed %d)", args.val_patches, args.patch_size, args.val_seed)
    validation_patches = [generate_patch(args.val_seed, index, args.patch_size) for index in range(args.val_patches)]

    args.out.parent.mkdir(parents=True, exist_ok=True)
    log_path = args.out.with_suffix(".jsonl")
    step = 0
    stopped_by = "all epochs done"
    with log_path.open("w", encoding="utf-8") as log_file:
        summary, validation_seconds = validate(model, validation_patches, args)
        log.info("epoch 0 (untrained): validation %s", json.dumps(summary))
        baseline = {"epoch": 0, "steps": 0, "patches": 0, "elapsedSeconds": round(budget.elapsed(), 1), "validation": summary}
        write_log_entry(log_file, baseline)

        step_seconds: list[float] = []
        for epoch in range(1, args.epochs + 1):
            losses = []
            for _ in range(args.steps_per_epoch):
                if args.max_steps is not None and step >= args.max_steps:
                    stopped_by = "--max-steps"
                    break
                recent = step_seconds[-10:]
                step_estimate = sum(recent) / len(recent) if recent else 0.0
                if not budget.allows(TIME_MARGIN * (step_estimate + validation_seconds)):
                    stopped_by = "time budget"
                    break

                started = time.monotonic()
                inputs, targets = make_batch(args.seed, step * args.batch_size, args.batch_size, args.patch_size)
                loss = loss_function(model(inputs), targets)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                scheduler.step()
                step += 1
                losses.append(loss.item())
                step_seconds.append(time.monotonic() - started)

            if not losses:
                break
            summary, validation_seconds = validate(model, validation_patches, args)
            save_state_dict(model, args.out)
            entry = {
                "epoch": epoch,
                "steps": step,
                "patches": step * args.batch_size,
                "trainLoss": round(float(np.mean(losses)), 5),
                "learningRate": scheduler.get_last_lr()[0],
                "secondsPerStep": round(float(np.mean(step_seconds[-len(losses):])), 2),
                "elapsedSeconds": round(budget.elapsed(), 1),
                "complete": len(losses) == args.steps_per_epoch,
                "validation": summary,
            }
            write_log_entry(log_file, entry)
            log.info(
                "epoch %d: loss %.4f, IoU %s, recall %s, tumour-free patch FP rate %s, %.0f s elapsed",
                epoch,
                entry["trainLoss"],
                summary["pixelIoU"],
                summary["pixelRecall"],
                summary["tumourFreePatchFalsePositiveRate"],
                entry["elapsedSeconds"],
            )
            if stopped_by != "all epochs done":
                break

    if step == 0:
        log.error("the time budget ended before the first training step; no weights written")
        return 1
    log.info(
        "training ended (%s) after %d steps (%d patches) in %.1f minutes, wrote %s and %s",
        stopped_by,
        step,
        step * args.batch_size,
        budget.elapsed() / 60.0,
        args.out,
        log_path,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
