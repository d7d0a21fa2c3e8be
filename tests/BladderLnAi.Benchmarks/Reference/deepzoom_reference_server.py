#!/usr/bin/python3
"""Reference Deep Zoom server for the tile benchmark.

It serves every slide of one folder the way the deepzoom_multiserver example of openslide-python
(examples/deepzoom/deepzoom_multiserver.py) does: one DeepZoomGenerator per slide in a small LRU cache,
PIL encodes each tile with the configured JPEG quality, and Flask's threaded development server answers.
Two things differ, so that both servers serve the same URLs with the same pyramid:

* Slides are addressed by the same slug as BladderLnAi's slide ids (file name without extension, ASCII
  letters lowercased, every other run of characters turned into one '-'), not by file path.
* limit_bounds is False, because BladderLnAi's pyramid always covers the whole of level 0.

Usage: deepzoom_reference_server.py PORT SLIDE_FOLDER [SLIDE_FOLDER ...]
"""

from collections import OrderedDict
from io import BytesIO
from pathlib import Path
import re
import sys
from threading import Lock

from flask import Flask, abort, make_response
import openslide
from openslide import OpenSlide, OpenSlideError
from openslide.deepzoom import DeepZoomGenerator

TILE_SIZE = 254
OVERLAP = 1
QUALITY = 75
SLIDE_CACHE_SIZE = 10
SLIDE_EXTENSIONS = {'.svs', '.ndpi', '.mrxs', '.scn', '.bif', '.vms', '.vmu', '.tif', '.tiff', '.svslide'}


def slugify(name):
    """Return BladderLnAi's slide id for a file name without extension."""
    slug = re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')
    return slug[:100].rstrip('-') or 'slide'


class SlideCache:
    """Least recently used DeepZoomGenerator objects by path, as in the example's _SlideCache."""

    def __init__(self, size):
        self._size = size
        self._lock = Lock()
        self._cache = OrderedDict()

    def get(self, path):
        with self._lock:
            if path in self._cache:
                generator = self._cache.pop(path)
                self._cache[path] = generator
                return generator

        generator = DeepZoomGenerator(
            OpenSlide(str(path)), tile_size=TILE_SIZE, overlap=OVERLAP, limit_bounds=False)
        with self._lock:
            if path not in self._cache:
                if len(self._cache) == self._size:
                    self._cache.popitem(last=False)
                self._cache[path] = generator
        return generator


def create_app(folders):
    app = Flask(__name__)
    slides = {}
    for folder in folders:
        for path in sorted(Path(folder).resolve(strict=True).iterdir()):
            if path.suffix.lower() in SLIDE_EXTENSIONS and OpenSlide.detect_format(str(path)):
                slides.setdefault(slugify(path.stem), path)
    cache = SlideCache(SLIDE_CACHE_SIZE)

    def get_slide(slug):
        path = slides.get(slug)
        if path is None:
            abort(404)
        try:
            return cache.get(path)
        except OpenSlideError:
            abort(404)

    @app.route('/dzi/<slug>.dzi')
    def dzi(slug):
        response = make_response(get_slide(slug).get_dzi('jpeg'))
        response.mimetype = 'application/xml'
        return response

    @app.route('/dzi/<slug>_files/<int:level>/<int:col>_<int:row>.<format>')
    def tile(slug, level, col, row, format):
        slide = get_slide(slug)
        format = format.lower()
        if format != 'jpeg' and format != 'png':
            abort(404)
        try:
            image = slide.get_tile(level, (col, row))
        except ValueError:
            abort(404)
        buffer = BytesIO()
        image.save(buffer, format, quality=QUALITY)
        response = make_response(buffer.getvalue())
        response.mimetype = 'image/%s' % format
        return response

    @app.route('/api/slides')
    def slide_list():
        return {'slides': sorted(slides)}

    return app


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('Usage: deepzoom_reference_server.py PORT SLIDE_FOLDER [SLIDE_FOLDER ...]')
    print('openslide-python', openslide.__version__, 'OpenSlide', openslide.__library_version__, flush=True)
    create_app(sys.argv[2:]).run(host='127.0.0.1', port=int(sys.argv[1]), threaded=True)
