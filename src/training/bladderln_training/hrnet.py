"""HRNetV2 semantic segmentation network (Wang et al., "Deep High-Resolution
Representation Learning for Visual Recognition", TPAMI 2020).

The network keeps a 1/4-resolution branch through all stages and adds branches at
1/8, 1/16 and 1/32 resolution. After every module the branches exchange information
through multi-resolution fusion. The HRNetV2 head upsamples every branch to 1/4
resolution, concatenates them and classifies each pixel.

``hrnet_w18()`` builds the W18 variant with one output channel: per-pixel logits for
metastatic carcinoma in the lymph node. With branch widths 18/36/72/144 it has
9,635,971 trainable parameters.
"""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn.functional as F
from torch import nn

BN_MOMENTUM = 0.1

# Trainable parameters of hrnet_w18(num_classes=1). The export checks against it so
# that a changed architecture cannot pass silently under the name "hrnet_w18".
HRNET_W18_PARAMETERS = 9_635_971

# Initial scale of the last BatchNorm in each residual block, explained in
# HRNetV2Segmentation.reset_parameters().
RESIDUAL_BN_SCALE = 0.1

# Input height and width must be multiples of this, because the lowest-resolution
# branch is at 1/32 of the input and fusion needs each branch to be exactly half the
# size of the previous one.
SIZE_MULTIPLE = 32


def upsample(x: torch.Tensor, factor: int) -> torch.Tensor:
    """Upsample bilinearly by an integer factor.

    A fixed factor, unlike a target size read from another tensor, exports to an ONNX
    Resize with constant scales, so the exported graph keeps static spatial shapes.
    The result equals resizing to the target size because the input size is a
    multiple of SIZE_MULTIPLE, so each branch is exactly twice the size of the next.
    """
    return F.interpolate(
        x, scale_factor=float(factor), mode="bilinear", align_corners=False
    )


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(
        in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False
    )


def conv1x1(in_channels: int, out_channels: int) -> nn.Conv2d:
    return nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)


def batch_norm(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, momentum=BN_MOMENTUM)


class BasicBlock(nn.Module):
    """Residual block of two 3x3 convolutions, used in the branches of stages 2 to 4."""

    expansion = 1

    def __init__(
        self, in_channels: int, channels: int, downsample: nn.Module | None = None
    ) -> None:
        super().__init__()
        self.conv1 = conv3x3(in_channels, channels)
        self.bn1 = batch_norm(channels)
        self.conv2 = conv3x3(channels, channels)
        self.bn2 = batch_norm(channels)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """Residual block of 1x1, 3x3 and 1x1 convolutions with 4x expansion (stage 1)."""

    expansion = 4

    def __init__(
        self, in_channels: int, channels: int, downsample: nn.Module | None = None
    ) -> None:
        super().__init__()
        out_channels = channels * self.expansion
        self.conv1 = conv1x1(in_channels, channels)
        self.bn1 = batch_norm(channels)
        self.conv2 = conv3x3(channels, channels)
        self.bn2 = batch_norm(channels)
        self.conv3 = conv1x1(channels, out_channels)
        self.bn3 = batch_norm(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


def make_residual_layer(
    block: type[BasicBlock] | type[Bottleneck],
    in_channels: int,
    channels: int,
    num_blocks: int,
) -> nn.Sequential:
    """Stack ``num_blocks`` residual blocks.

    The shortcut of the first block gets a 1x1 projection when the widths differ.
    """
    out_channels = channels * block.expansion
    downsample = None
    if in_channels != out_channels:
        downsample = nn.Sequential(
            conv1x1(in_channels, out_channels), batch_norm(out_channels)
        )

    layers: list[nn.Module] = [block(in_channels, channels, downsample)]
    for _ in range(1, num_blocks):
        layers.append(block(out_channels, channels))
    return nn.Sequential(*layers)


class HighResolutionModule(nn.Module):
    """Parallel branches of basic blocks followed by multi-resolution fusion.

    Branch ``i`` runs at 1/2**i of the resolution of branch 0. Fused output ``i`` is
    the ReLU of the sum of all branches resampled to branch ``i``. Lower-resolution
    branches pass through a 1x1 convolution and bilinear upsampling.
    Higher-resolution branches pass through a chain of stride-2 3x3 convolutions.
    """

    def __init__(self, widths: Sequence[int], num_blocks: int) -> None:
        super().__init__()
        self.widths = list(widths)
        self.branches = nn.ModuleList(
            make_residual_layer(BasicBlock, width, width, num_blocks)
            for width in self.widths
        )
        num_branches = len(self.widths)
        self.fuse_layers = nn.ModuleList(
            nn.ModuleList(
                self._make_fuse_layer(source, target) for source in range(num_branches)
            )
            for target in range(num_branches)
        )
        self.relu = nn.ReLU(inplace=True)

    def _make_fuse_layer(self, source: int, target: int) -> nn.Module:
        """Build the path from branch ``source`` to the size and width of ``target``."""
        source_width = self.widths[source]
        target_width = self.widths[target]
        if source == target:
            return nn.Identity()

        if source > target:
            # Lower resolution: match the width here and upsample in forward().
            return nn.Sequential(
                conv1x1(source_width, target_width), batch_norm(target_width)
            )

        # Higher resolution: one stride-2 3x3 convolution per halving. The intermediate
        # convolutions keep the source width and have a ReLU. The last one changes the
        # width and has none, because the ReLU follows the sum.
        steps: list[nn.Module] = []
        halvings = target - source
        for step in range(halvings):
            if step == halvings - 1:
                steps.append(
                    nn.Sequential(
                        conv3x3(source_width, target_width, stride=2),
                        batch_norm(target_width),
                    )
                )
            else:
                steps.append(
                    nn.Sequential(
                        conv3x3(source_width, source_width, stride=2),
                        batch_norm(source_width),
                        nn.ReLU(inplace=True),
                    )
                )
        return nn.Sequential(*steps)

    def forward(self, inputs: list[torch.Tensor]) -> list[torch.Tensor]:
        branch_outputs = [branch(x) for branch, x in zip(self.branches, inputs)]

        fused: list[torch.Tensor] = []
        for target, layers in enumerate(self.fuse_layers):
            total = branch_outputs[target]
            for source, layer in enumerate(layers):
                if source == target:
                    continue
                resampled = layer(branch_outputs[source])
                if source > target:
                    resampled = upsample(resampled, 2 ** (source - target))
                total = total + resampled
            fused.append(self.relu(total))
        return fused


class Transition(nn.Module):
    """Adapt the branches of one stage to the next one.

    The transition also opens one new branch at half the lowest existing resolution.
    """

    def __init__(self, in_widths: Sequence[int], out_widths: Sequence[int]) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for index, out_width in enumerate(out_widths):
            if index < len(in_widths):
                if in_widths[index] == out_width:
                    layers.append(nn.Identity())
                else:
                    layers.append(
                        self._conv_bn_relu(in_widths[index], out_width, stride=1)
                    )
            else:
                # The new branch is computed from the lowest-resolution existing branch.
                layers.append(self._conv_bn_relu(in_widths[-1], out_width, stride=2))
        self.layers = nn.ModuleList(layers)
        self.num_inputs = len(in_widths)

    @staticmethod
    def _conv_bn_relu(
        in_channels: int, out_channels: int, stride: int
    ) -> nn.Sequential:
        return nn.Sequential(
            conv3x3(in_channels, out_channels, stride=stride),
            batch_norm(out_channels),
            nn.ReLU(inplace=True),
        )

    def forward(self, inputs: list[torch.Tensor]) -> list[torch.Tensor]:
        outputs = []
        for index, layer in enumerate(self.layers):
            source = inputs[min(index, self.num_inputs - 1)]
            outputs.append(layer(source))
        return outputs


class HRNetV2Segmentation(nn.Module):
    """HRNetV2 for semantic segmentation, with per-pixel logits at the input resolution.

    The input is a normalized NCHW float tensor whose height and width are multiples
    of 32. The output has shape [batch, num_classes, height, width] and contains
    logits before any activation.
    """

    def __init__(
        self,
        widths: Sequence[int] = (18, 36, 72, 144),
        modules_per_stage: Sequence[int] = (1, 4, 3),
        blocks_per_branch: int = 4,
        stem_channels: int = 64,
        stage1_blocks: int = 4,
        num_classes: int = 1,
    ) -> None:
        super().__init__()
        if len(widths) != 4 or len(modules_per_stage) != 3:
            raise ValueError(
                "HRNetV2 needs 4 branch widths and module counts for stages 2-4, "
                f"got widths={list(widths)} and "
                f"modules_per_stage={list(modules_per_stage)}"
            )

        # Stem: two stride-2 3x3 convolutions bring the input to 1/4 resolution.
        self.stem = nn.Sequential(
            conv3x3(3, stem_channels, stride=2),
            batch_norm(stem_channels),
            nn.ReLU(inplace=True),
            conv3x3(stem_channels, stem_channels, stride=2),
            batch_norm(stem_channels),
            nn.ReLU(inplace=True),
        )

        # Stage 1: bottleneck blocks at 1/4 resolution, 64 -> 256 channels.
        self.stage1 = make_residual_layer(
            Bottleneck, stem_channels, stem_channels, stage1_blocks
        )
        stage1_width = stem_channels * Bottleneck.expansion

        # Stages 2-4 have 2, 3 and 4 branches.
        self.transitions = nn.ModuleList()
        self.stages = nn.ModuleList()
        previous_widths = [stage1_width]
        for stage_index, num_modules in enumerate(modules_per_stage):
            stage_widths = list(widths[: stage_index + 2])
            self.transitions.append(Transition(previous_widths, stage_widths))
            modules = [
                HighResolutionModule(stage_widths, blocks_per_branch)
                for _ in range(num_modules)
            ]
            self.stages.append(nn.Sequential(*modules))
            previous_widths = stage_widths

        head_channels = sum(widths)
        self.head = nn.Sequential(
            conv1x1(head_channels, head_channels),
            batch_norm(head_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(head_channels, num_classes, kernel_size=1, bias=True),
        )

        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Initialize the weights so that the untrained network gives logits of order 1.

        Convolutions get He-normal weights (fan-in), so each one keeps the variance of
        its input. The last BatchNorm of every residual block starts with scale
        RESIDUAL_BN_SCALE instead of 1, so each block adds only a small correction to
        its shortcut. This follows the zero_init_residual option of torchvision 0.14
        ResNet, which sets that scale to 0 (arXiv:1706.02677).

        With scale 1, the 36 residual blocks on the 1/4-resolution path grow the
        logits to about 1e7 for unit-normal input, because BatchNorm in eval mode uses
        running mean 0 and variance 1 until the network is trained. A scale of
        exactly 0 would make those convolutions all zero after BatchNorm folding, and
        the ONNX export would then share one zero tensor among them, which hides the
        real file size. The classifier starts with normal weights (std 0.001) and
        zero bias.
        """
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(
                    module.weight, mode="fan_in", nonlinearity="relu"
                )
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

        for module in self.modules():
            if isinstance(module, BasicBlock):
                nn.init.constant_(module.bn2.weight, RESIDUAL_BN_SCALE)
            elif isinstance(module, Bottleneck):
                nn.init.constant_(module.bn3.weight, RESIDUAL_BN_SCALE)

        classifier = self.head[-1]
        nn.init.normal_(classifier.weight, std=0.001)
        nn.init.zeros_(classifier.bias)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        if not torch.jit.is_tracing():
            height, width = image.shape[-2:]
            if height % SIZE_MULTIPLE or width % SIZE_MULTIPLE:
                raise ValueError(
                    f"input height and width must be multiples of {SIZE_MULTIPLE}, "
                    f"got {height}x{width}"
                )

        features = self.stem(image)
        branches = [self.stage1(features)]
        for transition, stage in zip(self.transitions, self.stages):
            branches = stage(transition(branches))

        # Branch i is at 1/2**i of branch 0, which is at 1/4 of the input.
        upsampled = [branches[0]]
        for index in range(1, len(branches)):
            upsampled.append(upsample(branches[index], 2**index))
        logits = self.head(torch.cat(upsampled, dim=1))
        return upsample(logits, 4)


def hrnet_w18(num_classes: int = 1) -> HRNetV2Segmentation:
    """Build HRNetV2-W18.

    Branch widths are 18/36/72/144, stages 2-4 have 1/4/3 modules, and each module
    has 4 basic blocks per branch.
    """
    return HRNetV2Segmentation(
        widths=(18, 36, 72, 144), modules_per_stage=(1, 4, 3), num_classes=num_classes
    )


def count_parameters(model: nn.Module) -> int:
    """Return the number of trainable parameters.

    BatchNorm running statistics are buffers and are not counted.
    """
    return sum(
        parameter.numel() for parameter in model.parameters() if parameter.requires_grad
    )
