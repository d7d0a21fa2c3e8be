"""Synthetic H&E-like lymph-node patches at 2.0 um per pixel with a binary metastasis mask.

The patches imitate, at a coarse level, the tissue of a real slide:

* lymphoid parenchyma packed with small dark lymphocyte nuclei (about 7 um across),
* paler sinus bands with scattered histiocytes,
* pink fibrous stroma with spindle-shaped nuclei,
* fat (white adipocytes with thin pink membranes) and bare glass,
* metastatic carcinoma: cohesive clusters of larger (10-18 um), paler, irregular and
  pleomorphic nuclei with pink cytoplasm, from single cells to foci larger than the patch.

About 35-40% of the patches contain no tumour: 35% are drawn without foci, and a few
more have foci that fall entirely on glass. The mask marks each tumour cluster as one
smoothed region that covers its cells. The stain colour, focus, noise and tissue
composition vary from patch to patch.

Rendering follows the Beer-Lambert law: each pixel has a hematoxylin and an eosin
concentration, their optical densities add, and the transmitted light is exp(-density).
Nuclei are drawn as vectorised elliptical stamps. A 256 x 256 patch took about 50 ms
of CPU time and a 512 x 512 patch about 185 ms, measured on a 2-core AMD EPYC that
other jobs were also using. About a third of that time goes into the stamps.

``generate_patch(seed, index, size)`` is deterministic: the same arguments give the same
patch on any machine with the same NumPy version.

NOTE: the images are a rough imitation made without reference to real slides. A model
trained on them demonstrates the pipeline; it is not expected to work on real tissue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MICRONS_PER_PIXEL = 2.0

# Optical density of one unit of stain in R, G and B: the hematoxylin and eosin vectors
# of Ruifrok and Johnston, "Quantification of histochemical staining by color
# deconvolution" (Anal Quant Cytol Histol 23:291, 2001), as in ImageJ's Colour
# Deconvolution plugin.
HEMATOXYLIN_OD = np.array([0.650, 0.704, 0.286])
EOSIN_OD = np.array([0.072, 0.990, 0.105])

# Share of patches without any tumour focus.
TUMOUR_FREE_FRACTION = 0.35

# Tumour focus classes by largest diameter in micrometres, with their sampling
# probability. Isolated tumour cells and small clusters are under 0.2 mm, micrometastases
# 0.2-2 mm and macrometastases over 2 mm, as in the TNM staging of lymph nodes.
FOCUS_CLASSES = (
    ("isolated cells", 0.40, 12.0, 200.0),
    ("micrometastasis", 0.40, 200.0, 2000.0),
    ("macrometastasis", 0.20, 2000.0, 6000.0),
)

# Soft upper limit of the hematoxylin concentration where nuclei overlap.
MAX_HEMATOXYLIN = 2.0


@dataclass(frozen=True)
class SyntheticPatch:
    """One synthetic patch and its labels."""

    image: np.ndarray
    """RGB image, uint8, shape (size, size, 3)."""
    mask: np.ndarray
    """Tumour mask, bool, shape (size, size)."""
    tissue: np.ndarray
    """Mask of cellular tissue, bool, shape (size, size). False on bare glass and inside fat cells."""
    num_foci: int
    """Number of tumour foci drawn, 0 for a tumour-free patch."""


def microns(value: float | np.ndarray) -> float | np.ndarray:
    """Convert micrometres to pixels at MICRONS_PER_PIXEL."""
    return value / MICRONS_PER_PIXEL


def patch_rng(seed: int, index: int) -> np.random.Generator:
    """Return the random generator of patch ``index`` in the stream of ``seed``."""
    return np.random.default_rng([seed, index])


def generate_patch(seed: int, index: int, size: int = 256) -> SyntheticPatch:
    """Generate patch ``index`` of the stream ``seed``, ``size`` x ``size`` pixels at 2.0 um/px."""
    if size < 32:
        raise ValueError(f"patch size must be at least 32 pixels, got {size}")
    return render_patch(patch_rng(seed, index), size)


# ---------------------------------------------------------------------------------------
# Fields and filters


def filtered_noise(
    rng: np.random.Generator, shape: tuple[int, int], sigma: float, elongation: float = 1.0, angle: float = 0.0
) -> np.ndarray:
    """Return Gaussian-filtered white noise with zero mean and unit standard deviation, as float32.

    ``sigma`` is the filter width in pixels across the grain. With ``elongation`` > 1 the
    filter is ``elongation`` times wider along ``angle`` (radians), which gives fibres.
    The noise is drawn directly in the Fourier domain, and only at the frequencies that
    the filter passes, so smooth fields cost one inverse FFT. The field wraps around at
    the edges.
    """
    fy = np.fft.fftfreq(shape[0])[:, None]
    fx = np.fft.rfftfreq(shape[1])[None, :]
    along = fx * np.cos(angle) + fy * np.sin(angle)
    across = -fx * np.sin(angle) + fy * np.cos(angle)
    transfer = np.exp(-2.0 * np.pi**2 * sigma**2 * ((elongation * along) ** 2 + across**2))
    transfer[0, 0] = 0.0
    passed = transfer > 1e-4
    spectrum = np.zeros(transfer.shape, dtype=np.complex128)
    count = int(passed.sum())
    spectrum[passed] = transfer[passed] * (rng.standard_normal(count) + 1j * rng.standard_normal(count))
    field = np.fft.irfft2(spectrum, s=shape).astype(np.float32)
    field -= field.mean()
    return field / (field.std() + np.float32(1e-12))


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Blur the first two axes of ``image`` with a Gaussian of ``sigma`` pixels, reflecting at the edges."""
    if sigma <= 0:
        return image
    radius = max(1, int(np.ceil(3.0 * sigma)))
    offsets = np.arange(-radius, radius + 1)
    kernel = np.exp(-(offsets**2) / (2.0 * sigma**2))
    kernel = (kernel / kernel.sum()).astype(image.dtype if image.dtype.kind == "f" else np.float64)

    height, width = image.shape[:2]
    trailing = [(0, 0)] * (image.ndim - 2)
    padded = np.pad(image, [(radius, radius), (0, 0)] + trailing, mode="reflect")
    rows = sum(weight * padded[i : i + height] for i, weight in enumerate(kernel))
    padded = np.pad(rows, [(0, 0), (radius, radius)] + trailing, mode="reflect")
    return sum(weight * padded[:, i : i + width] for i, weight in enumerate(kernel))


def region_from_noise(field: np.ndarray, fraction: float) -> np.ndarray:
    """Return the bool region where ``field`` is in its top ``fraction`` of values."""
    return field > np.quantile(field, 1.0 - fraction)


def jittered_grid(
    rng: np.random.Generator, shape: tuple[int, int], spacing: float, box: tuple[int, int, int, int] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return point coordinates (y, x) on a square grid of ``spacing`` pixels, each moved randomly within its cell.

    ``box`` is (top, left, bottom, right) and limits the points to part of the patch.
    """
    top, left, bottom, right = box if box is not None else (0, 0, shape[0], shape[1])
    ys = np.arange(top, bottom, spacing)
    xs = np.arange(left, right, spacing)
    grid_y, grid_x = np.meshgrid(ys, xs, indexing="ij")
    grid_y = grid_y.ravel() + rng.uniform(0.0, spacing, grid_y.size)
    grid_x = grid_x.ravel() + rng.uniform(0.0, spacing, grid_x.size)
    inside = (grid_y < shape[0]) & (grid_x < shape[1])
    return grid_y[inside], grid_x[inside]


def sample_at(field: np.ndarray, y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Return the values of ``field`` at the pixels that contain the points (y, x)."""
    rows = np.clip(y.astype(int), 0, field.shape[0] - 1)
    cols = np.clip(x.astype(int), 0, field.shape[1] - 1)
    return field[rows, cols]


# ---------------------------------------------------------------------------------------
# Cells


@dataclass
class Ellipses:
    """Parameters of n elliptical stamps. Every array has shape (n,), and lengths are in pixels."""

    y: np.ndarray
    x: np.ndarray
    semi_major: np.ndarray
    semi_minor: np.ndarray
    angle: np.ndarray
    amplitude: np.ndarray
    roughness: np.ndarray
    """Relative amplitude of the 2nd and 3rd angular harmonics of the outline, 0 for a smooth ellipse."""
    rim: np.ndarray
    """Share of the amplitude missing at the centre: 0 gives a uniform nucleus and 0.5 a vesicular one."""
    nucleolus: np.ndarray
    """Amplitude of a small dark spot (nucleolus) near the centre, 0 for none."""

    @property
    def count(self) -> int:
        return int(self.y.size)

    def select(self, chosen: np.ndarray) -> Ellipses:
        """Return the stamps picked by the bool or index array ``chosen``."""
        return Ellipses(**{name: getattr(self, name)[chosen] for name in self.__dataclass_fields__})


def make_ellipses(
    rng: np.random.Generator,
    y: np.ndarray,
    x: np.ndarray,
    diameter: np.ndarray,
    aspect: np.ndarray,
    amplitude: np.ndarray,
    angle: np.ndarray | None = None,
    roughness: float | np.ndarray = 0.0,
    rim: float | np.ndarray = 0.0,
    nucleolus: float | np.ndarray = 0.0,
) -> Ellipses:
    """Build stamps of mean ``diameter`` pixels whose long axis is ``aspect`` times the short one."""
    count = y.size
    semi_minor = diameter / (2.0 * np.sqrt(aspect))
    if angle is None:
        angle = rng.uniform(0.0, np.pi, count)
    return Ellipses(
        y=y,
        x=x,
        semi_major=semi_minor * aspect,
        semi_minor=semi_minor,
        angle=angle,
        amplitude=amplitude,
        roughness=np.broadcast_to(roughness, (count,)).astype(float),
        rim=np.broadcast_to(rim, (count,)).astype(float),
        nucleolus=np.broadcast_to(nucleolus, (count,)).astype(float),
    )


def stamp(rng: np.random.Generator, shape: tuple[int, int], groups: list[Ellipses], softness: float = 0.5) -> np.ndarray:
    """Draw every group of ellipses into a new float field of ``shape`` and return it. Overlapping stamps add up.

    ``softness`` is the width of the stamp edges in pixels.
    """
    height, width = shape
    field = np.zeros(height * width)
    for cells in groups:
        if cells.count == 0:
            continue
        phases = rng.uniform(0.0, 2.0 * np.pi, (2, cells.count))
        spot_offsets = 0.3 * cells.semi_minor * rng.uniform(-1.0, 1.0, (2, cells.count))
        # Each stamp is computed in a square window that contains its rough outline and soft
        # edge. Stamps are processed in batches of equal window size, so that small
        # lymphocytes do not pay for the windows of large tumour nuclei.
        reach = cells.semi_major * (1.0 + 1.7 * cells.roughness) + 3.0 * softness
        radii = np.ceil(reach).astype(int)
        for radius in np.unique(radii):
            chosen = radii == radius
            flat, values = stamp_windows(
                shape, cells.select(chosen), int(radius), softness, phases[:, chosen], spot_offsets[:, chosen]
            )
            field += np.bincount(flat, weights=values, minlength=height * width)
    return field.reshape(shape)


def stamp_windows(
    shape: tuple[int, int],
    cells: Ellipses,
    radius: int,
    softness: float,
    phases: np.ndarray,
    spot_offsets: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Compute the stamps of ``cells`` in windows of (2 * radius + 1)^2 pixels, for all cells at once.

    Returns the flat pixel indices and the values of the window pixels inside the patch.
    """
    height, width = shape
    offsets = np.arange(-radius, radius + 1)
    center_y = np.floor(cells.y).astype(int)
    center_x = np.floor(cells.x).astype(int)
    rows = center_y[:, None, None] + offsets[None, :, None]
    cols = center_x[:, None, None] + offsets[None, None, :]

    def per_cell(values: np.ndarray) -> np.ndarray:
        return values[:, None, None].astype(np.float32)

    dy = (rows + 0.5).astype(np.float32) - per_cell(cells.y)
    dx = (cols + 0.5).astype(np.float32) - per_cell(cells.x)
    cos, sin = per_cell(np.cos(cells.angle)), per_cell(np.sin(cells.angle))
    along = (dx * cos + dy * sin) / per_cell(cells.semi_major)
    across = (-dx * sin + dy * cos) / per_cell(cells.semi_minor)
    rho = np.hypot(along, across)

    if cells.roughness.any():
        # Irregular outline: the boundary radius varies with the polar angle.
        theta = np.arctan2(across, along)
        harmonics = np.cos(2.0 * theta + per_cell(phases[0])) + 0.7 * np.cos(3.0 * theta + per_cell(phases[1]))
        boundary = 1.0 + per_cell(cells.roughness) * harmonics
    else:
        boundary = np.float32(1.0)

    mean_radius = per_cell(0.5 * (cells.semi_major + cells.semi_minor))
    edge_distance = np.clip((boundary - rho) * mean_radius / softness, -30.0, 30.0)
    inside = 1.0 / (1.0 + np.exp(-edge_distance))
    relative = np.minimum(rho / boundary, 1.0)
    profile = 1.0 - per_cell(cells.rim) * (1.0 - relative**2)
    values = per_cell(cells.amplitude) * profile * inside

    if cells.nucleolus.any():
        spot_dy = dy - per_cell(spot_offsets[0])
        spot_dx = dx - per_cell(spot_offsets[1])
        spot = np.exp(-(spot_dy**2 + spot_dx**2) / (2.0 * 0.7**2))
        values = values + per_cell(cells.nucleolus) * spot * inside

    valid = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
    flat = np.broadcast_to(rows * width + cols, values.shape)
    return flat[valid], values[valid]


# ---------------------------------------------------------------------------------------
# Tissue layout


@dataclass
class Layout:
    """Bool and float maps of the tissue compartments of one patch."""

    tissue: np.ndarray
    fat: np.ndarray
    fat_membrane: np.ndarray
    stroma: np.ndarray
    sinus: np.ndarray
    fibre_angle: float


def make_layout(rng: np.random.Generator, size: int) -> Layout:
    shape = (size, size)
    tissue = np.ones(shape, dtype=bool)
    if rng.random() < 0.25:
        # Edge of the section: a wavy boundary between tissue and glass.
        direction = rng.uniform(0.0, 2.0 * np.pi)
        yy, xx = np.mgrid[0:size, 0:size] / size
        edge = (yy - 0.5) * np.sin(direction) + (xx - 0.5) * np.cos(direction)
        edge = edge + 0.08 * filtered_noise(rng, shape, microns(60.0))
        tissue = edge > np.quantile(edge, rng.uniform(0.1, 0.6))
    elif rng.random() < 0.15:
        # Holes and tears in the section.
        holes = region_from_noise(filtered_noise(rng, shape, microns(30.0)), rng.uniform(0.03, 0.25))
        tissue &= ~holes

    fat = np.zeros(shape, dtype=bool)
    fat_membrane = np.zeros(shape)
    if rng.random() < 0.20:
        fat = region_from_noise(filtered_noise(rng, shape, microns(120.0)), rng.uniform(0.1, 0.45)) & tissue
        fat_membrane = adipocyte_membranes(rng, size, spacing=microns(rng.uniform(50.0, 110.0))) * fat

    stroma = np.zeros(shape, dtype=bool)
    if rng.random() < 0.35:
        stroma = region_from_noise(filtered_noise(rng, shape, microns(40.0), elongation=3.0), rng.uniform(0.05, 0.35))
        stroma &= tissue & ~fat

    sinus = np.zeros(shape)
    if rng.random() < 0.60:
        # Bands where a smooth field crosses zero meander like sinuses.
        field = filtered_noise(rng, shape, microns(rng.uniform(60.0, 140.0)))
        sinus = np.exp(-((field / rng.uniform(0.12, 0.35)) ** 2)) * (tissue & ~fat & ~stroma)

    return Layout(
        tissue=tissue,
        fat=fat,
        fat_membrane=fat_membrane,
        stroma=stroma,
        sinus=sinus,
        fibre_angle=rng.uniform(0.0, np.pi),
    )


def adipocyte_membranes(rng: np.random.Generator, size: int, spacing: float) -> np.ndarray:
    """Return the membranes of a Voronoi tiling of cells ``spacing`` pixels apart, 1 on a membrane and 0 inside.

    Each seed lies in its own grid cell, so the nearest seeds of a pixel are among the
    3 x 3 grid cells around it.
    """
    cells = int(np.ceil(size / spacing)) + 2
    seeds = (np.arange(cells)[:, None, None] - 1 + rng.uniform(0.1, 0.9, (cells, cells, 2))) * spacing
    seeds[..., 1] = (np.arange(cells)[None, :] - 1 + rng.uniform(0.1, 0.9, (cells, cells))) * spacing

    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    cell_y = (yy // spacing).astype(int) + 1
    cell_x = (xx // spacing).astype(int) + 1
    distances = []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            seed = seeds[cell_y + dy, cell_x + dx]
            distances.append(np.hypot(yy - seed[..., 0], xx - seed[..., 1]))
    nearest = np.partition(np.stack(distances), 1, axis=0)
    distance_to_border = 0.5 * (nearest[1] - nearest[0])
    return np.exp(-(distance_to_border**2) / (2.0 * 0.8**2))


# ---------------------------------------------------------------------------------------
# Tumour


def make_tumour(rng: np.random.Generator, size: int, tissue: np.ndarray) -> tuple[np.ndarray, list[Ellipses], list[Ellipses], int]:
    """Draw the tumour foci of one patch.

    Returns the bool region covered by tumour clusters, the tumour nuclei, the cell
    bodies (eosin) and the number of foci.
    """
    shape = (size, size)
    region = np.zeros(shape, dtype=bool)
    nuclei: list[Ellipses] = []
    bodies: list[Ellipses] = []
    if rng.random() < TUMOUR_FREE_FRACTION:
        return region, nuclei, bodies, 0

    num_foci = int(min(rng.geometric(0.55), 5))
    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    probabilities = [entry[1] for entry in FOCUS_CLASSES]
    for _ in range(num_foci):
        _, _, low, high = FOCUS_CLASSES[rng.choice(len(FOCUS_CLASSES), p=probabilities)]
        radius = microns(np.exp(rng.uniform(np.log(low), np.log(high)))) / 2.0

        if radius > size / 2:
            # A large focus: put its border across the patch, or cover the patch.
            direction = rng.uniform(0.0, 2.0 * np.pi)
            distance = radius * rng.uniform(0.3, 1.1)
            center_y = size / 2 + distance * np.sin(direction)
            center_x = size / 2 + distance * np.cos(direction)
        else:
            center_y, center_x = rng.uniform(-0.1 * size, 1.1 * size, 2)

        aspect = rng.uniform(1.0, 1.8)
        angle = rng.uniform(0.0, np.pi)
        dy, dx = yy - center_y, xx - center_x
        along = (dx * np.cos(angle) + dy * np.sin(angle)) / np.sqrt(aspect)
        across = (-dx * np.sin(angle) + dy * np.cos(angle)) * np.sqrt(aspect)
        distance_field = np.hypot(along, across) / radius
        if radius > 8.0:
            wobble = filtered_noise(rng, shape, float(np.clip(radius * 0.35, 3.0, 60.0)))
            distance_field = distance_field + rng.uniform(0.1, 0.3) * wobble
        blob = (distance_field < 1.0) & tissue
        if not blob.any():
            continue

        focus_nuclei, focus_bodies = tumour_cells(rng, shape, blob, center_y, center_x)
        if focus_nuclei.count == 0:
            continue
        region |= blob
        nuclei.append(focus_nuclei)
        bodies.append(focus_bodies)
    return region, nuclei, bodies, len(nuclei)


def tumour_cells(
    rng: np.random.Generator, shape: tuple[int, int], blob: np.ndarray, center_y: float, center_x: float
) -> tuple[Ellipses, Ellipses]:
    """Fill ``blob`` with tumour cells and return their nuclei and their cell bodies."""
    spacing = microns(rng.uniform(13.0, 19.0))
    rows, cols = np.nonzero(blob)
    box = (rows.min(), cols.min(), rows.max() + 1, cols.max() + 1)
    y, x = jittered_grid(rng, shape, spacing, box)
    keep = sample_at(blob, y, x)
    y, x = y[keep], x[keep]
    if y.size == 0:
        # A blob smaller than the grid: one cell at its centre, or at its first pixel
        # when the centre falls outside the patch or on glass.
        inside = 0 <= center_y < shape[0] and 0 <= center_x < shape[1] and blob[int(center_y), int(center_x)]
        y = np.array([center_y if inside else rows[0] + 0.5])
        x = np.array([center_x if inside else cols[0] + 0.5])

    count = y.size
    mean_diameter = microns(rng.uniform(10.0, 16.0))
    diameter = np.clip(mean_diameter * rng.lognormal(0.0, 0.18, count), microns(9.0), microns(20.0))
    amplitude = rng.uniform(0.55, 0.85) * rng.uniform(0.8, 1.2, count)
    hyperchromatic = rng.random(count) < 0.1
    amplitude[hyperchromatic] *= 1.5
    nucleolus_rate = rng.uniform(0.2, 0.8)
    nuclei = make_ellipses(
        rng,
        y,
        x,
        diameter=diameter,
        aspect=rng.uniform(1.0, 1.6, count),
        amplitude=amplitude,
        roughness=rng.uniform(0.03, 0.15, count),
        rim=rng.uniform(0.25, 0.55),
        nucleolus=np.where(rng.random(count) < nucleolus_rate, rng.uniform(0.4, 0.8), 0.0),
    )
    bodies = make_ellipses(
        rng,
        y + rng.normal(0.0, 0.8, count),
        x + rng.normal(0.0, 0.8, count),
        diameter=np.full(count, spacing * 1.15),
        aspect=rng.uniform(1.0, 1.4, count),
        amplitude=np.full(count, rng.uniform(0.25, 0.45)),
        roughness=0.1,
    )
    return nuclei, bodies


# ---------------------------------------------------------------------------------------
# Normal cells


def lymphocytes(rng: np.random.Generator, shape: tuple[int, int], density: np.ndarray) -> Ellipses:
    y, x = jittered_grid(rng, shape, microns(rng.uniform(8.5, 10.5)))
    keep = rng.random(y.size) < sample_at(density, y, x)
    y, x = y[keep], x[keep]
    count = y.size
    return make_ellipses(
        rng,
        y,
        x,
        diameter=microns(rng.uniform(6.0, 8.0, count)),
        aspect=rng.uniform(1.0, 1.15, count),
        amplitude=rng.uniform(1.1, 1.5) * rng.uniform(0.85, 1.15, count),
    )


def histiocytes(rng: np.random.Generator, shape: tuple[int, int], density: np.ndarray) -> tuple[Ellipses, Ellipses]:
    """Sinus histiocytes: scattered large, pale, smooth nuclei with pale cytoplasm."""
    y, x = jittered_grid(rng, shape, microns(24.0))
    keep = rng.random(y.size) < 0.5 * sample_at(density, y, x)
    y, x = y[keep], x[keep]
    count = y.size
    nuclei = make_ellipses(
        rng,
        y,
        x,
        diameter=microns(rng.uniform(8.0, 12.0, count)),
        aspect=rng.uniform(1.0, 1.5, count),
        amplitude=rng.uniform(0.4, 0.6, count),
        rim=0.2,
    )
    bodies = make_ellipses(
        rng,
        y,
        x,
        diameter=microns(rng.uniform(16.0, 24.0, count)),
        aspect=rng.uniform(1.0, 1.4, count),
        amplitude=np.full(count, 0.1),
    )
    return nuclei, bodies


def fibroblasts(rng: np.random.Generator, shape: tuple[int, int], stroma: np.ndarray, angle: float) -> Ellipses:
    """Spindle-shaped stromal nuclei aligned with the fibres."""
    y, x = jittered_grid(rng, shape, microns(20.0))
    keep = (rng.random(y.size) < 0.5) & sample_at(stroma, y, x)
    y, x = y[keep], x[keep]
    count = y.size
    return make_ellipses(
        rng,
        y,
        x,
        diameter=microns(rng.uniform(5.0, 7.0, count)),
        aspect=rng.uniform(3.0, 6.0, count),
        amplitude=rng.uniform(1.0, 1.4, count),
        angle=angle + rng.normal(0.0, 0.2, count),
    )


# ---------------------------------------------------------------------------------------
# Rendering


def render_patch(rng: np.random.Generator, size: int) -> SyntheticPatch:
    shape = (size, size)
    layout = make_layout(rng, size)
    tumour_region, tumour_nuclei, tumour_bodies, num_foci = make_tumour(rng, size, layout.tissue)

    # Tumour replaces fat and stroma where they overlap.
    fat = layout.fat & ~tumour_region
    membrane = layout.fat_membrane * ~tumour_region
    stroma = layout.stroma & ~tumour_region
    sinus = layout.sinus * ~tumour_region
    cellular = layout.tissue & ~fat

    # Lymphocytes fill the parenchyma, sparse in sinuses and stroma and rare inside tumour.
    density = cellular * rng.uniform(0.75, 1.0) * (1.0 - 0.8 * sinus)
    density = np.where(stroma, 0.08, density)
    density = np.where(tumour_region, 0.04, density)
    # Keep a thin lymphocyte-free gap around tumour nests so that nuclei do not overlap the border.
    near_tumour = gaussian_blur(tumour_region.astype(np.float32), 1.5) > 0.05
    density = np.where(near_tumour & ~tumour_region, density * 0.3, density)

    nuclei = [lymphocytes(rng, shape, density)]
    bodies: list[Ellipses] = []
    if layout.sinus.any():
        histiocyte_nuclei, histiocyte_bodies = histiocytes(rng, shape, sinus * cellular)
        nuclei.append(histiocyte_nuclei)
        bodies.append(histiocyte_bodies)
    if stroma.any():
        nuclei.append(fibroblasts(rng, shape, stroma, layout.fibre_angle))
    nuclei += tumour_nuclei
    bodies += tumour_bodies

    hematoxylin = stamp(rng, shape, nuclei, softness=0.5)
    chromatin = 1.0 + 0.2 * filtered_noise(rng, shape, 0.7)
    hematoxylin = MAX_HEMATOXYLIN * np.tanh(hematoxylin * chromatin / MAX_HEMATOXYLIN)
    hematoxylin += cellular * rng.uniform(0.02, 0.08)

    eosin_texture = 1.0 + 0.3 * filtered_noise(rng, shape, microns(6.0))
    eosin = cellular * rng.uniform(0.10, 0.22) * eosin_texture * (1.0 - 0.5 * sinus)
    if stroma.any():
        fibres = 1.0 + 0.25 * filtered_noise(rng, shape, 1.5, elongation=4.0, angle=layout.fibre_angle)
        eosin = np.where(stroma, rng.uniform(0.45, 0.8) * fibres, eosin)
    eosin += membrane * rng.uniform(0.3, 0.6)
    if bodies:
        eosin += stamp(rng, shape, bodies, softness=1.0) * eosin_texture
    eosin = np.clip(eosin, 0.0, None)

    image = stain(rng, hematoxylin, eosin)

    # Mask: the tumour region, smoothed and widened by about 2 pixels so that it covers
    # the nuclei at the border of each cluster.
    mask = (gaussian_blur(tumour_region.astype(np.float32), 2.0) > 0.25) & layout.tissue
    return SyntheticPatch(image=image, mask=mask, tissue=cellular, num_foci=num_foci)


def stain(rng: np.random.Generator, hematoxylin: np.ndarray, eosin: np.ndarray) -> np.ndarray:
    """Convert stain concentrations to an 8-bit RGB image with random stain colour, focus and noise."""
    hematoxylin_od = HEMATOXYLIN_OD + rng.normal(0.0, 0.06, 3)
    eosin_od = EOSIN_OD + rng.normal(0.0, 0.06, 3)
    hematoxylin_od = np.clip(hematoxylin_od, 0.02, None) * rng.uniform(0.75, 1.25)
    eosin_od = np.clip(eosin_od, 0.02, None) * rng.uniform(0.7, 1.3)

    # Glass and mounting medium absorb a little, with a faint tint.
    background_od = rng.uniform(0.01, 0.06) + rng.normal(0.0, 0.01, 3)
    density = hematoxylin[..., None] * hematoxylin_od + eosin[..., None] * eosin_od + np.clip(background_od, 0.0, None)
    illumination = rng.uniform(0.9, 1.0)
    rgb = (255.0 * illumination * np.exp(-density)).astype(np.float32)

    rgb = gaussian_blur(rgb, rng.uniform(0.3, 1.2))
    rgb += rng.uniform(1.0, 5.0) * rng.standard_normal(rgb.shape, dtype=np.float32)
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
