// Teaching viewer: OpenSeadragon on a slide of a resident's attempt, where the resident marks suspected
// metastases as points or freehand outlines, and, after submission, the reveal of marks, confirmed findings
// and the AI heatmap together. Coordinates cross to .NET as level-0 pixels (doubles).
// Kept apart from slide-viewer.js so that the review viewer's overlays can change without touching marking.

const viewers = new Map();

const SVG_NS = "http://www.w3.org/2000/svg";

/** Smallest distance in screen pixels between two recorded points of a freehand outline. */
const OUTLINE_POINT_SPACING = 4;

/**
 * Creates a marking viewer in the element with id `elementId`.
 * @param {string} key id that .NET uses for later calls
 * @param {object} options { dziUrl, slideWidth, slideHeight, prefixUrl }
 * @param {object} dotNet DotNetObjectReference that receives OnPointMarked(x, y) and OnOutlineMarked(points)
 */
export function createMarkingViewer(key, elementId, options, dotNet) {
    destroy(key);
    const viewer = OpenSeadragon({
        id: elementId,
        prefixUrl: options.prefixUrl,
        tileSources: options.dziUrl,
        showNavigator: true,
        navigatorPosition: "TOP_RIGHT",
        maxZoomPixelRatio: 4,
        crossOriginPolicy: false,
        gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
    });
    const state = {
        viewer,
        dotNet,
        slideWidth: options.slideWidth,
        mode: "pan",
        markOverlays: [],
        findingOverlays: [],
        heatmap: null,
        heatmapOpacity: 0.5,
        drawing: null,
    };
    viewers.set(key, state);
    viewer.addHandler("open", () => {
        viewer.element.dataset.opened = "true";
    });
    viewer.addHandler("canvas-click", event => onClick(state, event));
    viewer.addHandler("canvas-press", event => onPress(state, event));
    viewer.addHandler("canvas-drag", event => onDrag(state, event));
    viewer.addHandler("canvas-release", event => onRelease(state, event));
}

export function destroy(key) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    state.viewer.destroy();
    viewers.delete(key);
}

/** Sets what a click or drag does: "pan" moves the slide, "point" adds a point mark, "outline" draws an outline. */
export function setMode(key, mode) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    state.mode = mode;
    state.viewer.element.dataset.mode = mode;
}

/** Draws the resident's marks: { id, kind: "Point" | "Outline", points: [[x, y], ...], sizeClass }. */
export function setMarks(key, marks) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    removeOverlays(state, state.markOverlays);
    state.markOverlays = marks.map(mark => mark.kind === "Point"
        ? addPointOverlay(state, mark)
        : addPolygonOverlay(state, mark.points, ["bladderln-mark"], { markId: mark.id }));
    state.viewer.element.dataset.marks = String(marks.length);
}

/** Draws confirmed findings: { id, outline: [[x, y], ...], sizeClass, hit }; missed ones are dashed. */
export function setFindings(key, findings) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    removeOverlays(state, state.findingOverlays);
    state.findingOverlays = findings.map(finding => addPolygonOverlay(
        state,
        finding.outline,
        ["bladderln-finding", `bladderln-finding-${finding.sizeClass}`, finding.hit ? "bladderln-finding-hit" : "bladderln-finding-missed"],
        { findingId: finding.id }));
    state.viewer.element.dataset.findings = String(findings.length);
}

/** Shows the AI heatmap image over the slide; `level0Width` is the heatmap width times its scale. */
export function setHeatmap(key, url, level0Width) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    const add = () => state.viewer.addTiledImage({
        tileSource: { type: "image", url },
        x: 0,
        y: 0,
        width: level0Width / state.slideWidth,
        opacity: state.heatmapOpacity,
        success: event => {
            state.heatmap = event.item;
            state.viewer.element.dataset.heatmap = "loaded";
        },
    });
    whenOpen(state, add);
}

export function setHeatmapOpacity(key, opacity) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    state.heatmapOpacity = opacity;
    state.heatmap?.setOpacity(opacity);
}

/** Zooms to a level-0 rectangle with a margin around it. */
export function zoomTo(key, x, y, width, height) {
    const state = viewers.get(key);
    if (!state) {
        return;
    }

    whenOpen(state, () => {
        const margin = Math.max(width, height, 200) * 0.75;
        const rect = slideImage(state).imageToViewportRectangle(x - margin, y - margin, width + 2 * margin, height + 2 * margin);
        state.viewer.viewport.fitBounds(rect);
    });
}

function onClick(state, event) {
    if (state.mode !== "point" || !event.quick) {
        return;
    }

    event.preventDefaultAction = true;
    const point = toImagePoint(state, event.position);
    state.dotNet.invokeMethodAsync("OnPointMarked", point.x, point.y);
}

function onPress(state, event) {
    if (state.mode !== "outline") {
        return;
    }

    state.drawing = { points: [toImagePoint(state, event.position)], last: event.position, element: null };
}

function onDrag(state, event) {
    const drawing = state.drawing;
    if (state.mode !== "outline" || !drawing) {
        return;
    }

    // Drawing an outline must not pan the slide.
    event.preventDefaultAction = true;
    if (drawing.last.distanceTo(event.position) < OUTLINE_POINT_SPACING) {
        return;
    }

    drawing.last = event.position;
    drawing.points.push(toImagePoint(state, event.position));
    if (drawing.element) {
        state.viewer.removeOverlay(drawing.element);
    }

    drawing.element = addPolygonOverlay(state, drawing.points.map(p => [p.x, p.y]), ["bladderln-mark", "bladderln-drawing"], {});
}

function onRelease(state) {
    const drawing = state.drawing;
    state.drawing = null;
    if (!drawing) {
        return;
    }

    if (drawing.element) {
        state.viewer.removeOverlay(drawing.element);
    }

    if (drawing.points.length >= 3) {
        state.dotNet.invokeMethodAsync("OnOutlineMarked", drawing.points.map(p => [p.x, p.y]));
    }
}

function toImagePoint(state, position) {
    const viewportPoint = state.viewer.viewport.pointFromPixel(position);
    return slideImage(state).viewportToImageCoordinates(viewportPoint);
}

function addPointOverlay(state, mark) {
    const element = document.createElement("div");
    element.className = "bladderln-mark-point";
    element.dataset.markId = mark.id;
    element.title = mark.sizeClass ? `Mark ${mark.id} (${mark.sizeClass})` : `Mark ${mark.id}`;
    const [x, y] = mark.points[0];
    whenOpen(state, () => state.viewer.addOverlay({
        element,
        location: slideImage(state).imageToViewportCoordinates(x, y),
        placement: OpenSeadragon.Placement.CENTER,
    }));
    return element;
}

function addPolygonOverlay(state, outline, classes, data) {
    const xs = outline.map(p => p[0]);
    const ys = outline.map(p => p[1]);
    const left = Math.min(...xs), top = Math.min(...ys);
    const width = Math.max(Math.max(...xs) - left, 1e-6), height = Math.max(Math.max(...ys) - top, 1e-6);
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.classList.add(...classes);
    Object.assign(svg.dataset, data);
    const polygon = document.createElementNS(SVG_NS, "polygon");
    polygon.setAttribute("points", outline.map(p => `${p[0] - left},${p[1] - top}`).join(" "));
    svg.appendChild(polygon);
    whenOpen(state, () => state.viewer.addOverlay({
        element: svg,
        location: slideImage(state).imageToViewportRectangle(left, top, width, height),
    }));
    return svg;
}

function removeOverlays(state, elements) {
    for (const element of elements) {
        state.viewer.removeOverlay(element);
    }
}

/** Runs `action` now when the slide is open, else once it opens (overlays need the slide's coordinates). */
function whenOpen(state, action) {
    if (slideImage(state)) {
        action();
        return;
    }

    state.viewer.addOnceHandler("open", action);
}

function slideImage(state) {
    return state.viewer.world.getItemAt(0);
}
