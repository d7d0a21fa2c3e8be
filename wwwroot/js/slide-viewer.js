// Slide viewer: OpenSeadragon with a scale bar, heatmap layer, findings outlines, the sampling grid of a
// composite patch, and cursors linked between the slide and the composite patch.
// All overlay coordinates arrive in level-0 pixels as floating point and are converted only here, through the
// slide's own tiled image, so no coordinate is rounded on its way to the screen.

const viewers = new Map();

const SVG_NS = "http://www.w3.org/2000/svg";
const GRID_LINE_STEP = 4;

// A cluster cell is about this many screen pixels wide. Its level-0 size is rounded up to a power of two, so the
// cells stay put while the reviewer zooms by small steps.
const CLUSTER_CELL_SCREEN_PIXELS = 96;
const FINDINGS_DELAY_MS = 120;

/**
 * Creates a viewer in the element with id `elementId`.
 * @param {string} key id that .NET uses for later calls
 * @param {object} options { dziUrl, slideWidth, micronsPerPixel (null when unknown), prefixUrl }
 * @param {object} dotNet DotNetObjectReference that receives OnFieldSelected(index)
 */
export function createViewer(key, elementId, options, dotNet) {
    destroy(key);
    const viewer = OpenSeadragon({
        id: elementId,
        prefixUrl: options.prefixUrl,
        tileSources: options.dziUrl,
        showNavigator: true,
        navigatorPosition: "TOP_RIGHT",
        showRotationControl: true,
        maxZoomPixelRatio: 4,
        crossOriginPolicy: false,
        gestureSettingsMouse: { clickToZoom: false },
    });
    const state = {
        viewer,
        dotNet,
        slideWidth: options.slideWidth,
        micronsPerPixel: options.micronsPerPixel,
        slide: null,
        heatmap: null,
        heatmapOpacity: 0.6,
        findingsSource: null,
        findingOverlays: [],
        clusters: [],
        findingsRequest: 0,
        findingsTimer: null,
        gridOverlay: null,
        fields: [],
        field: null,
        composite: null,
        slideCursor: createCursor("bladderln-cursor-slide"),
        compositePoint: null,
    };
    viewers.set(key, state);
    // Settles on "open-failed" too, so that a .NET call waiting for the slide returns when the slide fails to open.
    state.opened = new Promise(resolve => {
        viewer.addOnceHandler("open", resolve);
        viewer.addOnceHandler("open-failed", resolve);
    });
    state.scaleBar = createScaleBar(viewer, options.micronsPerPixel);
    viewer.addHandler("open", () => {
        state.slide = viewer.world.getItemAt(0);
        viewer.element.dataset.opened = "true";
        updateScaleBar(state);
        scheduleFindings(state);
    });
    viewer.addHandler("animation", () => updateScaleBar(state));
    viewer.addHandler("animation-finish", () => scheduleFindings(state));
    viewer.addHandler("resize", () => {
        updateScaleBar(state);
        scheduleFindings(state);
    });
    new OpenSeadragon.MouseTracker({
        element: viewer.canvas,
        moveHandler: event => onSlideMove(state, event.position),
        clickHandler: event => {
            if (event.quick) {
                onSlideClick(state, event.position);
            }
        },
    });
}

export function destroy(key) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    clearTimeout(state.findingsTimer);
    state.viewer.destroy();
    viewers.delete(key);
}

/** Returns the OpenSeadragon viewer in the element with id `elementId`, for tests and other page scripts. */
export function viewerOf(elementId) {
    for (const state of viewers.values()) {
        if (state.viewer.element.id === elementId) {
            return state.viewer;
        }
    }

    return null;
}

/**
 * Shows the heatmap pyramid over the slide. Its Deep Zoom descriptor has the slide's width, height, tile size,
 * overlap and levels, so it is placed on exactly the slide's bounds in the world.
 */
export async function setHeatmap(key, dziUrl) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    await state.opened;
    if (!state.slide) {
        return;
    }

    if (state.heatmap) {
        state.viewer.world.removeItem(state.heatmap);
        state.heatmap = null;
    }

    const bounds = state.slide.getBounds();
    state.viewer.addTiledImage({
        tileSource: dziUrl,
        x: bounds.x,
        y: bounds.y,
        width: bounds.width,
        opacity: state.heatmapOpacity,
        success: event => {
            state.heatmap = event.item;
            state.viewer.element.dataset.heatmap = "loaded";
        },
    });
}

export function setHeatmapOpacity(key, opacity) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    state.heatmapOpacity = opacity;
    state.heatmap?.setOpacity(opacity);
}

/**
 * Loads findings by viewport from `source.url`: outlines while at most `source.limit` findings meet the view, and
 * else a count per grid cell, so that no finding is hidden without a trace.
 * @param {object} source { url, clustersUrl, limit, reviewBand: { lower, upper } } or null to clear the findings
 */
export function setFindingsSource(key, source) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    state.findingsSource = source;
    scheduleFindings(state);
}

// NOTE: in headless Chromium on a 2-core host at load average 30, outlines on the 5,000-finding browser test slide
// appeared 7 to 11 s after a zoom. The findings request itself took about 10 ms and was sent about 5 s after the
// zoom, so the time went to the browser's main thread. This was not measured on a reviewer's workstation.
function scheduleFindings(state) {
    clearTimeout(state.findingsTimer);
    state.findingsTimer = setTimeout(() => refreshFindings(state), FINDINGS_DELAY_MS);
}

async function refreshFindings(state) {
    const source = state.findingsSource;
    if (!state.slide) {
        return;
    }

    const request = ++state.findingsRequest;
    if (!source) {
        showFindings(state, request, [], []);
        return;
    }

    const area = visibleArea(state);
    const query = `x=${area.x}&y=${area.y}&width=${area.width}&height=${area.height}`;
    const visible = await fetchJson(`${source.url}?${query}&limit=${source.limit}`);
    if (visible && !visible.truncated) {
        showFindings(state, request, visible.findings, []);
        return;
    }

    const cellSize = clusterCellSize(state);
    const counts = await fetchJson(`${source.clustersUrl}?${query}&cellSize=${cellSize}`);
    showFindings(state, request, [], counts?.clusters ?? []);
}

/** Returns the level-0 rectangle on screen, as the axis-aligned box around it when the view is rotated. */
function visibleArea(state) {
    const bounds = state.viewer.viewport.getBounds(true).getBoundingBox();
    return state.slide.viewportToImageRectangle(bounds);
}

function clusterCellSize(state) {
    const screenPerLevel0 = state.slide.viewportToImageZoom(state.viewer.viewport.getZoom(true));
    return Math.pow(2, Math.ceil(Math.log2(CLUSTER_CELL_SCREEN_PIXELS / screenPerLevel0)));
}

async function fetchJson(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) {
        console.error(`[slide-viewer] ${url} returned ${response.status}`);
        return null;
    }

    return response.json();
}

function showFindings(state, request, findings, clusters) {
    if (request !== state.findingsRequest) {
        return;
    }

    for (const element of state.findingOverlays) {
        state.viewer.removeOverlay(element);
    }

    state.findingOverlays = [
        ...findings.map(finding => addPolygonOverlay(state, finding)),
        ...clusters.map(cluster => addClusterOverlay(state, cluster)),
    ];
    state.clusters = clusters;
    const dataset = state.viewer.element.dataset;
    dataset.findings = clusters.length > 0 ? "clusters" : "outlines";
    dataset.findingsShown = clusters.length > 0 ? clusters.reduce((sum, c) => sum + c.count, 0) : findings.length;
    dataset.findingsRevision = String(Number(dataset.findingsRevision ?? 0) + 1);
}

/** Draws one grid cell of findings as a framed area with its count in the middle. */
function addClusterOverlay(state, cluster) {
    const element = document.createElement("div");
    element.className = "bladderln-cluster";
    element.dataset.count = cluster.count;

    // OpenSeadragon sets the display style of the overlay element itself, so the centring layout sits inside it.
    const cell = document.createElement("div");
    cell.className = "bladderln-cluster-cell";
    const badge = document.createElement("span");
    badge.className = "bladderln-cluster-count";
    badge.textContent = cluster.count;
    badge.title = `${cluster.count} findings, highest probability ${cluster.maximumProbability.toFixed(2)}: click to zoom in`;
    cell.appendChild(badge);
    element.appendChild(cell);
    state.viewer.addOverlay({ element, location: toViewportRect(state, cluster.x, cluster.y, cluster.width, cluster.height) });
    return element;
}

/** Zooms the slide to a level-0 rectangle, with a margin around it. */
export function zoomTo(key, x, y, width, height) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    const margin = Math.max(width, height, 200) * 0.75;
    const rect = toViewportRect(state, x - margin, y - margin, width + 2 * margin, height + 2 * margin);
    state.viewer.viewport.fitBounds(rect);
}

/** Registers the resampled fields ({ index, x, y, size }) so that a click on the slide can select one. */
export function setFields(key, fields) {
    const state = viewers.get(key);
    if (state) {
        state.fields = fields;
    }
}

/**
 * Shows one field's composite patch in a canvas next to the slide and draws its sampling grid on the slide.
 * @param {object} grid { fieldX, fieldY, fieldSize, width, height, u, v }
 */
export async function showComposite(key, canvasId, grid, compositeUrl, heatmapUrl, showHeatmap) {
    const state = viewers.get(key);
    const canvas = document.getElementById(canvasId);
    if (!state || !canvas) {
        return;
    }

    const [patch, heatmap] = await Promise.all([loadImage(compositeUrl), loadImage(heatmapUrl)]);
    state.field = grid;
    state.composite = { canvas, patch, heatmap, showHeatmap, cursor: null };
    canvas.width = patch.width;
    canvas.height = patch.height;
    canvas.onmousemove = event => onCompositeMove(state, event);
    canvas.onclick = event => onCompositeClick(state, event);
    drawComposite(state);
    drawGridOnSlide(state);
    canvas.dataset.loaded = "true";
}

export function setCompositeHeatmap(key, showHeatmap) {
    const state = viewers.get(key);
    if (state?.composite) {
        state.composite.showHeatmap = showHeatmap;
        drawComposite(state);
    }
}

/** Draws the composite patch, its heatmap and the regular grid whose warped image is drawn on the slide. */
function drawComposite(state) {
    const { canvas, patch, heatmap, showHeatmap, cursor } = state.composite;
    const context = canvas.getContext("2d");
    context.drawImage(patch, 0, 0);
    if (showHeatmap) {
        context.drawImage(heatmap, 0, 0, canvas.width, canvas.height);
    }

    const grid = state.field;
    context.strokeStyle = "rgba(0, 200, 255, 0.35)";
    context.lineWidth = 1;
    for (let i = 0; i <= grid.width; i += GRID_LINE_STEP) {
        const x = (i / grid.width) * canvas.width;
        const y = (i / grid.height) * canvas.height;
        context.beginPath();
        context.moveTo(x, 0);
        context.lineTo(x, canvas.height);
        context.moveTo(0, y);
        context.lineTo(canvas.width, y);
        context.stroke();
    }

    if (cursor) {
        drawCrosshair(context, cursor.x, cursor.y);
    }
}

function drawCrosshair(context, x, y) {
    context.strokeStyle = "#00ff66";
    context.lineWidth = 2;
    context.beginPath();
    context.arc(x, y, 8, 0, 2 * Math.PI);
    context.moveTo(x - 14, y);
    context.lineTo(x + 14, y);
    context.moveTo(x, y - 14);
    context.lineTo(x, y + 14);
    context.stroke();
}

/**
 * Maps normalised composite coordinates (x, y) to normalised field coordinates (u, v) exactly as
 * SamplingGrid.Map does on the server.
 */
export function mapCompositeToField(grid, x, y) {
    const column = locate(x, grid.width);
    const row = locate(y, grid.height);
    return { u: interpolate(grid, true, column, row), v: interpolate(grid, false, column, row) };
}

// Grid point k of an axis sits at (k + 0.5) / size. The extended index 0 is the output edge at 0 and
// size + 1 the edge at 1, so the half cells outside the outermost grid points reach the field border.
function locate(position, size) {
    const t = Math.min(Math.max(position, 0), 1) * size - 0.5;
    if (t <= 0) {
        return { index: 0, fraction: 2 * t + 1 };
    }

    if (t >= size - 1) {
        return { index: size, fraction: 2 * (t - (size - 1)) };
    }

    const cell = Math.floor(t);
    return { index: cell + 1, fraction: t - cell };
}

// At the edge across its own axis a coordinate is 0 or 1. Along the edge it repeats the outermost grid point.
function extended(grid, isU, ex, ey) {
    const edge = isU ? ex : ey;
    const last = isU ? grid.width + 1 : grid.height + 1;
    if (edge === 0) {
        return 0;
    }

    if (edge === last) {
        return 1;
    }

    const i = Math.min(Math.max(ex - 1, 0), grid.width - 1);
    const j = Math.min(Math.max(ey - 1, 0), grid.height - 1);
    return (isU ? grid.u : grid.v)[j * grid.width + i];
}

function interpolate(grid, isU, column, row) {
    const ex = column.index;
    const ey = row.index;
    const top = lerp(extended(grid, isU, ex, ey), extended(grid, isU, ex + 1, ey), column.fraction);
    const bottom = lerp(extended(grid, isU, ex, ey + 1), extended(grid, isU, ex + 1, ey + 1), column.fraction);
    return lerp(top, bottom, row.fraction);
}

function lerp(a, b, t) {
    return a + (b - a) * t;
}

/** Finds the composite point whose sample lies at field point (u, v): nearest grid point, then Newton steps. */
export function mapFieldToComposite(grid, u, v) {
    let best = 0;
    let bestDistance = Infinity;
    for (let k = 0; k < grid.u.length; k++) {
        const distance = (grid.u[k] - u) ** 2 + (grid.v[k] - v) ** 2;
        if (distance < bestDistance) {
            bestDistance = distance;
            best = k;
        }
    }

    let x = ((best % grid.width) + 0.5) / grid.width;
    let y = (Math.floor(best / grid.width) + 0.5) / grid.height;
    const h = 0.25 / grid.width;
    for (let step = 0; step < 6; step++) {
        const p = mapCompositeToField(grid, x, y);
        const px = mapCompositeToField(grid, x + h, y);
        const py = mapCompositeToField(grid, x, y + h);
        const a = (px.u - p.u) / h, b = (py.u - p.u) / h, c = (px.v - p.v) / h, d = (py.v - p.v) / h;
        const determinant = a * d - b * c;
        if (Math.abs(determinant) < 1e-9) {
            break;
        }

        const du = u - p.u, dv = v - p.v;
        x = Math.min(Math.max(x + (d * du - b * dv) / determinant, 0), 1);
        y = Math.min(Math.max(y + (a * dv - c * du) / determinant, 0), 1);
    }

    return { x, y };
}

function onCompositeMove(state, event) {
    const canvas = state.composite.canvas;
    const bounds = canvas.getBoundingClientRect();
    const x = (event.clientX - bounds.left) / bounds.width;
    const y = (event.clientY - bounds.top) / bounds.height;
    const level0 = compositeToLevel0(state, x, y);
    state.composite.cursor = { x: x * canvas.width, y: y * canvas.height };
    drawComposite(state);
    placeSlideCursor(state, level0.x, level0.y);
}

function onCompositeClick(state, event) {
    const bounds = state.composite.canvas.getBoundingClientRect();
    const level0 = compositeToLevel0(
        state,
        (event.clientX - bounds.left) / bounds.width,
        (event.clientY - bounds.top) / bounds.height);
    const point = slideImage(state).imageToViewportCoordinates(level0.x, level0.y);
    state.viewer.viewport.panTo(point);
}

function compositeToLevel0(state, x, y) {
    const grid = state.field;
    const { u, v } = mapCompositeToField(grid, x, y);
    return { x: grid.fieldX + u * grid.fieldSize, y: grid.fieldY + v * grid.fieldSize };
}

function onSlideMove(state, position) {
    if (!state.field || !state.composite) {
        return;
    }

    const image = slideImage(state).viewerElementToImageCoordinates(position);
    const grid = state.field;
    const u = (image.x - grid.fieldX) / grid.fieldSize;
    const v = (image.y - grid.fieldY) / grid.fieldSize;
    if (u < 0 || u > 1 || v < 0 || v > 1) {
        return;
    }

    const point = mapFieldToComposite(grid, u, v);
    state.composite.cursor = { x: point.x * state.composite.canvas.width, y: point.y * state.composite.canvas.height };
    drawComposite(state);
}

function onSlideClick(state, position) {
    const image = slideImage(state).viewerElementToImageCoordinates(position);
    const cluster = state.clusters.find(c =>
        image.x >= c.x && image.x < c.x + c.width && image.y >= c.y && image.y < c.y + c.height);
    if (cluster) {
        state.viewer.viewport.fitBounds(toViewportRect(state, cluster.x, cluster.y, cluster.width, cluster.height));
        return;
    }

    if (state.fields.length === 0) {
        return;
    }

    const field = state.fields.find(f =>
        image.x >= f.x && image.x <= f.x + f.size && image.y >= f.y && image.y <= f.y + f.size);
    if (field && state.field?.fieldIndex !== field.index) {
        state.dotNet?.invokeMethodAsync("OnFieldSelected", field.index);
    }
}

function placeSlideCursor(state, x, y) {
    const point = slideImage(state).imageToViewportCoordinates(x, y);
    if (state.slideCursor.parentNode) {
        state.viewer.updateOverlay(state.slideCursor, point, OpenSeadragon.Placement.CENTER);
    } else {
        state.viewer.addOverlay({ element: state.slideCursor, location: point, placement: OpenSeadragon.Placement.CENTER });
    }
}

/** Draws the warped image of the composite's regular grid on the slide, over the field. */
function drawGridOnSlide(state) {
    if (state.gridOverlay) {
        state.viewer.removeOverlay(state.gridOverlay);
    }

    const grid = state.field;
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 1 1");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.classList.add("bladderln-grid");
    const steps = 64;
    for (let line = 0; line <= grid.width; line += GRID_LINE_STEP) {
        const fixed = line / grid.width;
        svg.appendChild(polyline(steps, t => mapCompositeToField(grid, fixed, t)));
        svg.appendChild(polyline(steps, t => mapCompositeToField(grid, t, fixed)));
    }

    const outline = document.createElementNS(SVG_NS, "rect");
    outline.setAttribute("width", "1");
    outline.setAttribute("height", "1");
    outline.classList.add("bladderln-field");
    svg.appendChild(outline);
    state.gridOverlay = svg;
    state.viewer.addOverlay({
        element: svg,
        location: toViewportRect(state, grid.fieldX, grid.fieldY, grid.fieldSize, grid.fieldSize),
    });
}

function polyline(steps, map) {
    const points = [];
    for (let s = 0; s <= steps; s++) {
        const { u, v } = map(s / steps);
        points.push(`${u},${v}`);
    }

    const element = document.createElementNS(SVG_NS, "polyline");
    element.setAttribute("points", points.join(" "));
    return element;
}

function addPolygonOverlay(state, finding) {
    const xs = finding.outline.map(p => p[0]);
    const ys = finding.outline.map(p => p[1]);
    const left = Math.min(...xs), top = Math.min(...ys);
    const width = Math.max(Math.max(...xs) - left, 1e-6), height = Math.max(Math.max(...ys) - top, 1e-6);
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.classList.add("bladderln-finding", `bladderln-finding-${finding.sizeClass}`);
    svg.dataset.findingId = finding.id;
    const band = state.findingsSource?.reviewBand;
    if (band && finding.maximumProbability >= band.lower && finding.maximumProbability < band.upper) {
        svg.classList.add("bladderln-finding-review");
    }

    const polygon = document.createElementNS(SVG_NS, "polygon");
    polygon.setAttribute("points", finding.outline.map(p => `${p[0] - left},${p[1] - top}`).join(" "));
    svg.appendChild(polygon);
    state.viewer.addOverlay({ element: svg, location: toViewportRect(state, left, top, width, height) });
    return svg;
}

function toViewportRect(state, x, y, width, height) {
    return slideImage(state).imageToViewportRectangle(x, y, width, height);
}

/** Returns the slide's tiled image, beneath the heatmap. */
function slideImage(state) {
    return state.slide ?? state.viewer.world.getItemAt(0);
}

function createCursor(className) {
    const element = document.createElement("div");
    element.className = className;
    return element;
}

function createScaleBar(viewer, micronsPerPixel) {
    const element = document.createElement("div");
    element.className = "bladderln-scalebar";
    if (micronsPerPixel == null) {
        element.textContent = "scale unknown (no microns per pixel)";
    }

    viewer.container.appendChild(element);
    return element;
}

/** Sizes the scale bar to a round length in um or mm of about 120 screen pixels at the current zoom. */
function updateScaleBar(state) {
    const { viewer, micronsPerPixel, scaleBar } = state;
    if (micronsPerPixel == null || viewer.world.getItemCount() === 0) {
        return;
    }

    const zoom = slideImage(state).viewportToImageZoom(viewer.viewport.getZoom(true));
    const micronsPerScreenPixel = micronsPerPixel / zoom;
    const target = micronsPerScreenPixel * 120;
    const magnitude = Math.pow(10, Math.floor(Math.log10(target)));
    const length = [5, 2, 1].map(f => f * magnitude).find(l => l <= target) ?? magnitude;
    scaleBar.style.width = `${length / micronsPerScreenPixel}px`;
    scaleBar.textContent = length >= 1000 ? `${length / 1000} mm` : `${length} µm`;
}

function loadImage(url) {
    return new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(image);
        image.onerror = () => reject(new Error(`Could not load ${url}`));
        image.src = url;
    });
}
