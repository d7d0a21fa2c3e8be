"""Train HRNetV2-W18 for tumour segmentation and save its state dict.

The script has two modes.

Synthetic patches (default): training patches are generated on the fly by
``bladderln_training.synthetic``. Patch ``i`` of a run is
``generate_patch(--seed, i, --patch-size)``, so a run trains on epochs x
steps-per-epoch x batch-size distinct patches. Validation uses a fixed set of patches
from the separate stream --val-seed.

Dual dataset (--dataset ROOT): the original and the resampled image sets that
``bladderln dataset`` writes are trained on together. Each batch takes half its
images from each set, as random crops of --patch-size, and the loss is the mean of the
binary cross-entropy on the two halves. The log records the loss of each set per
epoch. Validation uses --val-dataset, scored per set, or the synthetic validation
patches when it is not given. --init-weights starts from a state dict, for example the
bundled model's weights recovered by import_onnx.py, to fine-tune it.

In both modes validation runs in eval mode after every epoch and once before
training. Before each validation the BatchNorm running statistics are recomputed over
--bn-recalibration-patches training images, see recalibrate_batch_norm().

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

Dual-dataset example, fine-tuning imported weights:
    nice -n 10 /usr/bin/python3 src/training/train.py --dataset /tmp/dataset \\
        --val-dataset /tmp/dataset-val --init-weights /tmp/bundled.pt --lr 2e-4 \\
        --epochs 4 --steps-per-epoch 20 --out /tmp/finetuned.pt --threads 2
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
from typing import Any, Iterable, Iterator

import numpy as np
import torch
from torch import nn

from bladderln_training import SIZE_MULTIPLE, hrnet_w18
from bladderln_training.evaluation import evaluate_patches, predict_probabilities
from bladderln_training.field_dataset import SETS, FieldDataset, random_crop, tissue_mask
from bladderln_training.metrics import SegmentationMetrics
from bladderln_training.preprocessing import normalize_images
from bladderln_training.synthetic import SyntheticPatch, generate_patch

log = logging.getLogger("train")

# Share of the steps with a linear learning-rate warm-up, and the final learning rate
# of the cosine decay as a share of --lr.
WARMUP_FRACTION = 0.05
FINAL_LR_FRACTION = 0.05

# Third seed word of the augmentation random streams. Patches use the two words (seed, index).
AUGMENTATION_STREAM = 1

# Third seed word of the random stream that picks and crops dual-dataset images for a step.
DATASET_STREAM = 2

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
        "--val-patches",
        type=int,
        default=32,
        metavar="N",
        help="number of validation patches, or with --val-dataset of images per set (default: 32)",
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
    parser.add_argument(
        "--dataset",
        type=Path,
        metavar="ROOT",
        help=(
            "train on the original and resampled sets written by 'bladderln dataset' instead of "
            "synthetic patches"
        ),
    )
    parser.add_argument(
        "--val-dataset",
        type=Path,
        metavar="ROOT",
        help=(
            "with --dataset, validate on the first --val-patches images of each set of this held-out "
            "dataset (default: the synthetic validation patches)"
        ),
    )
    parser.add_argument(
        "--init-weights",
        type=Path,
        metavar="FILE.pt",
        help="start from this hrnet_w18() state dict instead of the seeded initialisation",
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
    if args.val_dataset is not None and args.dataset is None:
        parser.error("--val-dataset needs --dataset")
    for name in ("dataset", "val_dataset"):
        root = getattr(args, name)
        if root is not None and not (root / "dataset.json").is_file():
            parser.error(f"--{name.replace('_', '-')} {root} has no dataset.json; create it with 'bladderln dataset'")
    if args.init_weights is not None and not args.init_weights.is_file():
        parser.error(f"--init-weights file not found: {args.init_weights}")
    return args


def augment(image: np.ndarray, mask: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Return the image (float32, 0-255) and mask after a random flip, 90-degree rotation and colour jitter."""
    image = image.astype(np.float32)
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
        patch = generate_patch(seed, index, patch_size)
        image, mask = augment(patch.image, patch.mask, augmentation_rng)
        images.append(image)
        masks.append(mask)
    inputs = normalize_images(np.stack(images))
    targets = torch.from_numpy(np.stack(masks).astype(np.float32)).unsqueeze(1)
    return inputs, targets


def recalibrate_batch_norm(model: nn.Module, image_batches: Iterable[np.ndarray]) -> None:
    """Recompute every BatchNorm running mean and variance as a plain average over the given training images.

    The running statistics that training keeps are an exponential average over
    batches seen while the weights were still changing. With batches of 4 and a high
    learning rate they lag behind the weights, and the eval-mode output drifts from
    one epoch to the next even while the training loss falls. ``image_batches`` yields
    uint8 RGB arrays (N, H, W, 3) without augmentation, see synthetic_recalibration_batches()
    and dataset_recalibration_batches(). Gradients and weights are not touched, so the
    recalibration does not change the training.
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
        for images in image_batches:
            model(normalize_images(images))
    model.train(was_training)
    for module, momentum in zip(batch_norms, momenta):
        module.momentum = momentum


def synthetic_recalibration_batches(seed: int, count: int, patch_size: int, batch_size: int) -> Iterator[np.ndarray]:
    """Yield the first ``count`` patches of the synthetic training stream in batches."""
    for start in range(0, count, batch_size):
        indices = range(start, min(start + batch_size, count))
        yield np.stack([generate_patch(seed, index, patch_size).image for index in indices])


def dataset_recalibration_batches(
    dataset: FieldDataset, count: int, patch_size: int, batch_size: int
) -> Iterator[np.ndarray]:
    """Yield centre crops of the first images of both sets, about ``count`` in all and half from each set."""
    images = []
    for set_name in SETS:
        for index in range(min(dataset.count(set_name), (count + 1) // 2)):
            image, _ = dataset.load(set_name, index)
            top = (image.shape[0] - patch_size) // 2
            left = (image.shape[1] - patch_size) // 2
            images.append(image[top : top + patch_size, left : left + patch_size])
    for start in range(0, len(images), batch_size):
        yield np.stack(images[start : start + batch_size])


def make_dual_batch(
    dataset: FieldDataset, seed: int, step: int, batch_size: int, patch_size: int
) -> tuple[torch.Tensor, torch.Tensor, int]:
    """Return one step's inputs and targets: the first half from the original set, the rest from the resampled set.

    Returns the number of original images as the third value. Every step draws its
    images, crops and augmentation from its own random stream (seed, step), so a run
    can be repeated step for step.
    """
    rng = np.random.default_rng([seed, step, DATASET_STREAM])
    original_count = max(1, batch_size // 2)
    images, masks = [], []
    for set_name, count in (("original", original_count), ("resampled", max(1, batch_size - original_count))):
        for _ in range(count):
            image, mask = dataset.load(set_name, int(rng.integers(dataset.count(set_name))))
            image, mask = random_crop(image, mask, patch_size, rng)
            image, mask = augment(image, mask, rng)
            images.append(image)
            masks.append(mask)
    inputs = normalize_images(np.stack(images))
    targets = torch.from_numpy(np.stack(masks).astype(np.float32)).unsqueeze(1)
    return inputs, targets, original_count


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
    model: nn.Module,
    patches: list[SyntheticPatch],
    args: argparse.Namespace,
    dataset: FieldDataset | None,
    val_dataset: FieldDataset | None,
) -> tuple[dict[str, Any], float]:
    """Recalibrate BatchNorm if enabled, then score the validation data; returns the metrics and the seconds both took.

    The validation data is ``val_dataset`` when given, else the synthetic ``patches``.
    The recalibration uses the training data: ``dataset`` when given, else the
    synthetic training stream.
    """
    started = time.monotonic()
    if args.bn_recalibration_patches > 0:
        count = args.bn_recalibration_patches
        if dataset is None:
            batches = synthetic_recalibration_batches(args.seed, count, args.patch_size, args.batch_size)
        else:
            batches = dataset_recalibration_batches(dataset, count, args.patch_size, args.batch_size)
        recalibrate_batch_norm(model, batches)
    if val_dataset is None:
        summary = evaluate_patches(model, patches, args.batch_size).summary()
    else:
        summary = evaluate_dataset(model, val_dataset, args.val_patches, args.batch_size)
    return summary, time.monotonic() - started


def evaluate_dataset(model: nn.Module, dataset: FieldDataset, count: int, batch_size: int) -> dict[str, Any]:
    """Score the first ``count`` images of each set in eval mode, at full size: metrics and loss per set.

    Tissue for the glass false-positive rate is every pixel darker than the glass, see
    ``field_dataset.tissue_mask``. The loss is the plain binary cross-entropy per pixel,
    without --pos-weight, so runs with different weights compare.
    """
    was_training = model.training
    model.eval()
    result: dict[str, Any] = {}
    try:
        for set_name in SETS:
            metrics = SegmentationMetrics()
            loss_sum, pixels = 0.0, 0
            indices = list(range(min(count, dataset.count(set_name))))
            for start in range(0, len(indices), batch_size):
                loaded = [dataset.load(set_name, index) for index in indices[start : start + batch_size]]
                probabilities = predict_probabilities(model, np.stack([image for image, _ in loaded]), batch_size)
                for (image, mask), probability in zip(loaded, probabilities):
                    metrics.update(probability, mask, tissue_mask(image))
                    clipped = np.clip(probability.astype(np.float64), 1e-7, 1.0 - 1e-7)
                    loss_sum += float(-np.where(mask, np.log(clipped), np.log1p(-clipped)).sum())
                    pixels += mask.size
            result[set_name] = {**metrics.summary(), "loss": round(loss_sum / max(1, pixels), 5), "images": len(indices)}
    finally:
        model.train(was_training)
    return result


def load_initial_weights(model: nn.Module, path: Path) -> None:
    """Load a state dict saved from hrnet_w18() into ``model``, or exit with an error naming the file."""
    try:
        state_dict = torch.load(path, map_location="cpu", weights_only=True)
        model.load_state_dict(state_dict, strict=True)
    except Exception as error:
        # torch.load raises several exception types for damaged files, and
        # load_state_dict raises RuntimeError for a different architecture.
        raise SystemExit(f"error: failed to load --init-weights {path} as an hrnet_w18 state dict: {error}") from error


def load_dataset(root: Path, patch_size: int) -> FieldDataset:
    """Open a dataset folder, or exit with an error when it cannot serve crops of ``patch_size``."""
    try:
        dataset = FieldDataset(root)
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(f"error: cannot read the dataset in {root}: {error}") from error
    if dataset.input_size < patch_size:
        raise SystemExit(
            f"error: --patch-size {patch_size} is larger than the {dataset.input_size} px images of {root}"
        )
    log.info(
        "dataset %s: %d original and %d resampled pairs of %d px at %.2f um/px",
        root,
        dataset.count("original"),
        dataset.count("resampled"),
        dataset.input_size,
        dataset.microns_per_pixel,
    )
    return dataset


def describe_training_data(args: argparse.Namespace, dataset: FieldDataset | None) -> dict[str, Any]:
    """Return what the run trains and validates on, for the first log entry."""
    if dataset is None:
        return {"mode": "synthetic", "seed": args.seed, "validationSeed": args.val_seed}
    return {
        "mode": "dual-dataset",
        "dataset": str(args.dataset),
        "originalPairs": dataset.count("original"),
        "resampledPairs": dataset.count("resampled"),
        "validationDataset": None if args.val_dataset is None else str(args.val_dataset),
        "initWeights": None if args.init_weights is None else str(args.init_weights),
    }


def describe_validation(summary: dict[str, Any]) -> str:
    """Return the headline validation figures for the log line of an epoch."""
    if "pixelIoU" in summary:
        return (
            f"IoU {summary['pixelIoU']}, recall {summary['pixelRecall']}, "
            f"tumour-free patch FP rate {summary['tumourFreePatchFalsePositiveRate']}"
        )
    return ", ".join(
        f"{name} IoU {figures['pixelIoU']} recall {figures['pixelRecall']} loss {figures['loss']}"
        for name, figures in summary.items()
    )


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
    if args.init_weights is not None:
        load_initial_weights(model, args.init_weights)
        log.info("starting from %s", args.init_weights)
    model.train()
    dataset = load_dataset(args.dataset, args.patch_size) if args.dataset is not None else None
    val_dataset = load_dataset(args.val_dataset, args.patch_size) if args.val_dataset is not None else None
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    total_steps = args.epochs * args.steps_per_epoch
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: learning_rate_factor(step, total_steps))
    loss_function = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([args.pos_weight]))

    validation_patches = []
    if val_dataset is None:
        log.info("generating %d validation patches of %d px (seed %d)", args.val_patches, args.patch_size, args.val_seed)
        validation_patches = [generate_patch(args.val_seed, index, args.patch_size) for index in range(args.val_patches)]

    args.out.parent.mkdir(parents=True, exist_ok=True)
    log_path = args.out.with_suffix(".jsonl")
    step = 0
    stopped_by = "all epochs done"
    with log_path.open("w", encoding="utf-8") as log_file:
        summary, validation_seconds = validate(model, validation_patches, args, dataset, val_dataset)
        log.info("epoch 0 (before training): validation %s", json.dumps(summary))
        baseline = {
            "epoch": 0,
            "steps": 0,
            "patches": 0,
            "elapsedSeconds": round(budget.elapsed(), 1),
            "trainingData": describe_training_data(args, dataset),
            "validation": summary,
        }
        write_log_entry(log_file, baseline)

        step_seconds: list[float] = []
        for epoch in range(1, args.epochs + 1):
            losses = []
            set_losses: dict[str, list[float]] = {name: [] for name in SETS}
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
                if dataset is None:
                    inputs, targets = make_batch(args.seed, step * args.batch_size, args.batch_size, args.patch_size)
                    loss = loss_function(model(inputs), targets)
                else:
                    # One forward pass over both halves, so BatchNorm normalises over both sets together.
                    inputs, targets, split = make_dual_batch(dataset, args.seed, step, args.batch_size, args.patch_size)
                    logits = model(inputs)
                    original_loss = loss_function(logits[:split], targets[:split])
                    resampled_loss = loss_function(logits[split:], targets[split:])
                    loss = 0.5 * (original_loss + resampled_loss)
                    set_losses["original"].append(original_loss.item())
                    set_losses["resampled"].append(resampled_loss.item())
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                scheduler.step()
                step += 1
                losses.append(loss.item())
                step_seconds.append(time.monotonic() - started)

            if not losses:
                break
            summary, validation_seconds = validate(model, validation_patches, args, dataset, val_dataset)
            save_state_dict(model, args.out)
            entry = {
                "epoch": epoch,
                "steps": step,
                "patches": step * args.batch_size,
                "trainLoss": round(float(np.mean(losses)), 5),
                **{
                    f"trainLoss{name.capitalize()}": round(float(np.mean(values)), 5)
                    for name, values in set_losses.items()
                    if values
                },
                "learningRate": scheduler.get_last_lr()[0],
                "secondsPerStep": round(float(np.mean(step_seconds[-len(losses):])), 2),
                "elapsedSeconds": round(budget.elapsed(), 1),
                "complete": len(losses) == args.steps_per_epoch,
                "validation": summary,
            }
            write_log_entry(log_file, entry)
            set_text = "".join(
                f", {name} loss {entry[f'trainLoss{name.capitalize()}']:.4f}"
                for name in SETS
                if f"trainLoss{name.capitalize()}" in entry
            )
            log.info(
                "epoch %d: loss %.4f%s; validation %s; %.0f s elapsed",
                epoch,
                entry["trainLoss"],
                set_text,
                describe_validation(summary),
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
