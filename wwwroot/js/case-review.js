// Case review viewer: a slide in OpenSeadragon with the case's findings outlined and coloured by ruling, selection
// by click, and drawing of a polygon (a missed finding or a new outline). Coordinates are level-0 pixels.
// This module is separate from slide-viewer.js and keeps its own OpenSeadragon instance.

const viewers = new Map();
const SVG_NS = "http://www.w3.org/2000/svg";

/** Stroke colour and dash of each ruling state; `final-confirm` is a confirmed deposit. */
const STYLES = {
    "unreviewed": { stroke: "#2f8fff", dash: "6 4" },
    "proposed-confirm": { stroke: "#ff8c00", dash: "6 4" },
    "proposed-reject": { stroke: "#9e9e9e", dash: "6 4" },
    "final-confirm": { stroke: "#e00000", dash: "" },
    "final-reject": { stroke: "#9e9e9e", dash: "2 4" },
};

/**
 * Creates a viewer in the element with id `elementId`.
 * @param {object} options { dziUrl, prefixUrl }
 * @param {object} dotNet receives OnFindingClicked(id) and OnPolygonDrawn(points)
 */
export function createReviewViewer(key, elementId, options, dotNet) {
    destroy(key);
    const viewer = OpenSeadragon({
        id: elementId,
        prefixUrl: options.prefixUrl,
        tileSources: options.dziUrl,
        showNavigator: true,
        navigatorPosition: "TOP_RIGHT",
        maxZoomPixelRatio: 4,
        crossOriginPolicy: false,
        gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false },
    });
    const state = { viewer, dotNet, svg: null, findings: [], selectedId: null, drawing: null, width: 0, height: 0 };
    viewers.set(key, state);
    viewer.addHandler("open", () => {
        const size = viewer.world.getItemAt(0).getContentSize();
        state.width = size.x;
        state.height = size.y;
        state.svg = createOverlay(state);
        render(state);
        viewer.element.dataset.opened = "true";
    });
    viewer.addHandler("canvas-click", event => onClick(state, event));
    viewer.addHandler("canvas-double-click", event => {
        if (state.drawing) {
            event.preventDefaultAction = true;
            finish(state);
        }
    });
}

export function destroy(key) {
    const state = viewers.get(key);
    if (state) {
        state.viewer.destroy();
        viewers.delete(key);
    }
}

/** Shows findings { id, outline: [[x, y], ...], style } where style is a key of STYLES. */
export function setCaseFindings(key, findings, selectedId) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    state.findings = findings;
    state.selectedId = selectedId;
    render(state);
}

/** Zooms to a finding with a margin around it. */
export function zoomToFinding(key, id) {
    const state = viewers.get(key);
    const finding = state?.findings.find(f => f.id === id);
    if (!finding || state.viewer.world.getItemCount() === 0) {
        return;
    }

    const xs = finding.outline.map(p => p[0]);
    const ys = finding.outline.map(p => p[1]);
    const left = Math.min(...xs), top = Math.min(...ys);
    const width = Math.max(...xs) - left, height = Math.max(...ys) - top;
    const margin = Math.max(width, height, 200) * 0.75;
    const rect = state.viewer.world.getItemAt(0).imageToViewportRectangle(
        left - margin, top - margin, width + 2 * margin, height + 2 * margin);
    state.viewer.viewport.fitBounds(rect);
}

/** Starts drawing a polygon: each click adds a corner, a double click or finishDrawing closes it. */
export function startDrawing(key) {
    const state = viewers.get(key);
    if (state) {
        state.drawing = [];
        state.viewer.element.dataset.drawing = "true";
        render(state);
    }
}

export function finishDrawing(key) {
    const state = viewers.get(key);
    if (state?.drawing) {
        finish(state);
    }
}

export function cancelDrawing(key) {
    const state = viewers.get(key);
    if (state) {
        state.drawing = null;
        delete state.viewer.element.dataset.drawing;
        render(state);
    }
}

function finish(state) {
    // A double click also delivers two clicks, which may add the same corner twice.
    const points = state.drawing.filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
    state.drawing = null;
    delete state.viewer.element.dataset.drawing;
    render(state);
    if (points.length >= 3) {
        state.dotNet.invokeMethodAsync("OnPolygonDrawn", points);
    }
}

function onClick(state, event) {
    if (!event.quick || state.viewer.world.getItemCount() === 0) {
        return;
    }

    const point = state.viewer.world.getItemAt(0).viewerElementToImageCoordinates(event.position);
    if (state.drawing) {
        event.preventDefaultAction = true;
        state.drawing.push([Math.round(point.x * 100) / 100, Math.round(point.y * 100) / 100]);
        render(state);
        return;
    }

    const hit = state.findings.find(f => contains(f.outline, point.x, point.y));
    if (hit) {
        state.dotNet.invokeMethodAsync("OnFindingClicked", hit.id);
    }
}

/** Even-odd test of a point against a closed outline. */
function contains(outline, x, y) {
    let inside = false;
    for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
        const [xi, yi] = outline[i];
        const [xj, yj] = outline[j];
        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
            inside = !inside;
        }
    }

    return inside;
}

/** One SVG over the whole slide, in level-0 pixel units, that contains every outline. */
function createOverlay(state) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${state.width} ${state.height}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.style.pointerEvents = "none";
    svg.classList.add("bladderln-case-findings");
    state.viewer.addOverlay({
        element: svg,
        location: state.viewer.world.getItemAt(0).imageToViewportRectangle(0, 0, state.width, state.height),
    });
    return svg;
}

function render(state) {
    if (!state.svg) {
        return;
    }

    state.svg.replaceChildren();
    for (const finding of state.findings) {
        const style = STYLES[finding.style] ?? STYLES.unreviewed;
        const polygon = shape("polygon", finding.outline, style.stroke, style.dash, finding.id === state.selectedId ? 4 : 2);
        polygon.dataset.findingId = finding.id;
        polygon.dataset.style = finding.style;
        state.svg.appendChild(polygon);
    }

    if (state.drawing && state.drawing.length > 0) {
        const line = shape("polyline", state.drawing, "#00e5ff", "", 2);
        line.classList.add("bladderln-drawing");
        state.svg.appendChild(line);
    }
}

function shape(kind, points, stroke, dash, width) {
    const element = document.createElementNS(SVG_NS, kind);
    element.setAttribute("points", points.map(p => `${p[0]},${p[1]}`).join(" "));
    element.setAttribute("fill", "none");
    element.setAttribute("stroke", stroke);
    element.setAttribute("stroke-width", `${width}px`);
    element.setAttribute("vector-effect", "non-scaling-stroke");
    if (dash) {
        element.setAttribute("stroke-dasharray", dash);
    }

    return element;
}
