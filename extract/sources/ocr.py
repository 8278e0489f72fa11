"""OCR for pages without a text layer: render (pypdfium2), detect and recognise (rapidocr-onnxruntime).

The engine is ``rapidocr-onnxruntime`` 1.4.4 with the PP-OCRv4 Chinese detection and recognition
models that ship inside its wheel (nothing is downloaded at run time), on onnxruntime's CPU
provider. It is loaded once per process and settings (lazily, cached).

:func:`ocr_page` returns :class:`OcrWord` boxes in **PDF points of the page's visible space** (the
page as shown, after ``/Rotate``; origin top left, y down) — the same space and the same keys
(``x0, x1, top, bottom, text``) as pdfplumber's ``extract_words``, so the word-position table
reader (:mod:`extract.tables.words`) reads an OCR'd page as it reads a digital one
(``[w.as_dict() for w in page.words]``). Each word carries the recogniser's confidence and one
confidence per character; :meth:`OcrWord.uncertain` names the characters the recogniser was
unsure of, and :func:`normalise_number` mends the few number slips that have one reading only
(``86.00.`` -> ``86.00``, ``86：00`` -> ``86.00``, ``%06`` -> ``60%``), so callers can flag a
number whose characters were uncertain or had to be mended.

How a page is read (the defaults, :data:`DEFAULT`, were chosen by ``bench/bench_ocr.py``; figures
in ``bench/results/ocr.md``):

1. render at ``scale`` (pixels per point) to BGR;
2. optionally (off by default: no measured gain on the tune scans) red ink turned white and the
   image cropped to its inked area;
3. detect text boxes (DB) on the page shrunk so its longer side is at most ``det_max_side``;
   the boxes are mapped back to the full render, whose crops the recogniser reads;
4. no angle classifier: pages are upright once ``/Rotate`` is applied, and ±1° skew is taken out
   per box by the perspective crop;
5. recognise crop by crop (``rec_batch`` 1: a batch is padded to its widest crop), each padded to
   its own width only (not rapidocr's 320 px floor), on
   onnxruntime sessions with ``threads`` threads and no spin-waiting (spinning threads burn CPU
   while idle; the build runs documents in parallel worker processes anyway).
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from extract.sources.ink import RULED, lightest_channel

ENGINE = "rapidocr-onnxruntime"
ENGINE_VERSION = "1.4.4"
MODELS = "PP-OCRv4"
EXTRACTOR = f"{ENGINE} {ENGINE_VERSION} {MODELS}"  # the `extractor` value of OCR'd rows

UNCERTAIN_BELOW = 0.80  # a character read with less confidence than this is uncertain


@dataclass(frozen=True)
class OcrSettings:
    """How a page is rendered and read. :data:`DEFAULT` holds the measured choice.

    Measured by ``bench/bench_ocr.py`` (``bench/results/ocr.md``) on 6 dense scanned form pages
    (~146 boxes; 4 under a red seal; 150-300 dpi; skew up to ±0.97°) and 2 prose pages, CPU-s of
    render + detect + recognise per dense page and accuracy against the original text layer:
    rapidocr as it comes at 2x (angle classifier, batches of 6 padded to 320 px, all cores
    spinning): 10.29 CPU-s, numbers 98.3 %, char F1 0.988. These defaults: **3.20 CPU-s**
    (render 0.04, detect 0.77, recognise 2.39), numbers 100.0 %, char F1 0.987. Red suppression
    showed no gain (the seal's numbers were read either way); cropping to the ink saved 0.3 CPU-s of
    detection but lost one figure; 1.5x render saved 0.7 CPU-s but lowered char F1 to 0.986;
    2 threads cost more CPU than 1.
    """

    scale: float = 2.0  # render scale: pixels per PDF point (2.0 = 144 dpi)
    det_max_side: int = 1280  # detection input: longer side at most this many pixels (0: full render)
    rec_batch: int = 1  # crops per recognition batch (sorted by aspect ratio)
    rec_min_ratio: float = 1.0  # pad each crop to at least this width/height (0: rapidocr's 320/48)
    threads: int = 1  # onnxruntime intra-op threads per session (0: rapidocr's sessions as they come)
    suppress_red: bool = False  # turn red (seal) pixels white before detection (no measured gain)
    crop: bool = False  # detect only inside the inked area (-0.3 CPU-s, lost a figure once)
    min_confidence: float = 0.5  # boxes the recogniser reads with less confidence are dropped
    use_cls: bool = False  # run rapidocr's 0/180° angle classifier on each crop
    tighten: bool = True  # word boxes drawn tight around their ink (the detector pads its boxes)
    marks: bool = True  # read the short marks the detector misses (dashes, operators): extract/sources/marks.py
    shapes: bool = True  # an operator no recogniser reads told by its strokes: extract/sources/mark_shapes.py
    rulings: bool = True  # find the rulings of the image (a ruled form is read by its cells: tables/scan_grid.py)
    drop_seal: bool = True  # words of a seal's ink (red, or faint grey ideographs) dropped: extract/sources/seal.py


DEFAULT = OcrSettings()


@dataclass
class OcrWord:
    """One word: ``text`` and its box in PDF points of the visible page (pdfplumber's keys)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float  # the recogniser's mean over the word's characters, 0..1
    char_confidences: tuple[float, ...] = ()  # one per character of ``text``
    char_x: tuple[float, ...] = ()  # each character's x-centre in points (from the recogniser's columns)

    def as_dict(self) -> dict[str, Any]:
        """The word as a pdfplumber ``extract_words`` dict (plus ``confidence``), for the position reader."""
        return {"text": self.text, "x0": self.x0, "x1": self.x1, "top": self.top, "bottom": self.bottom,
                "confidence": self.confidence}

    def uncertain(self, below: float = UNCERTAIN_BELOW) -> list[int]:
        """Indices of the characters read with less confidence than ``below``."""
        return [i for i, c in enumerate(self.char_confidences) if c < below]

    def span_x(self, start: int, end: int) -> tuple[float, float]:
        """The x-range (points) of ``text[start:end]``, e.g. of a figure inside a line of prose."""
        if not self.char_x or end <= start:
            return self.x0, self.x1
        half = (self.x1 - self.x0) / max(1, len(self.text)) / 2
        return max(self.x0, self.char_x[start] - half), min(self.x1, self.char_x[end - 1] + half)

    def marked(self, below: float = UNCERTAIN_BELOW, mark: str = "?") -> str:
        """``text`` with each uncertain character replaced by ``mark`` (``8?.00``), for messages."""
        bad = set(self.uncertain(below))
        return "".join(mark if i in bad else ch for i, ch in enumerate(self.text))


@dataclass
class OcrTimings:
    """CPU seconds of this process (``time.process_time``) spent on each step of one page."""

    render: float = 0.0
    prepare: float = 0.0  # red suppression and crop
    detect: float = 0.0
    recognise: float = 0.0

    @property
    def total(self) -> float:
        return self.render + self.prepare + self.detect + self.recognise


@dataclass(frozen=True)
class Ruling:
    """A ruling seen in the page image, in points of the visible page: from (x0, y0) to (x1, y1)
    (left to right, or top to bottom; a skewed scan leans it a little)."""

    x0: float
    y0: float
    x1: float
    y1: float
    vertical: bool

    def x_at(self, y: float) -> float | None:
        """Where a vertical ruling stands at height ``y``, None when it does not reach there."""
        if not self.vertical or not self.y0 <= y <= self.y1:
            return None
        share = (y - self.y0) / (self.y1 - self.y0) if self.y1 > self.y0 else 0.0
        return self.x0 + share * (self.x1 - self.x0)


@dataclass
class OcrPage:
    width: float  # visible page size in points
    height: float
    words: list[OcrWord]
    engine: str = EXTRACTOR
    settings: OcrSettings = DEFAULT
    boxes: int = 0  # text boxes detected (words can be more: a box is split at blanks)
    rulings: list[Ruling] = field(default_factory=list)  # rulings seen in the image
    timings: OcrTimings = field(default_factory=OcrTimings)
    image: Any = field(default=None, repr=False)  # the page as rendered (BGR), for reading spots again

    def read_spots(self, spots: list[tuple[float, float, float, float]]) -> list[tuple[str, float] | None]:
        """Read the one mark inked inside each spot (x0, top, x1, bottom in points; a ruled cell
        the detector found no text in), as :mod:`extract.sources.marks` reads a mark: None where
        the spot holds no ink, or no mark."""
        if self.image is None or not spots or not self.words:
            return [None] * len(spots)
        return _read_spots(self, spots)

    def read_shapes(self, spots: list[tuple[float, float, float, float]]) -> list[str | None]:
        """The operator inked alone in each spot (a ruled cell, in points) told by its strokes
        (:func:`extract.sources.mark_shapes.read_shape`), for a cell of a column of operators the
        recogniser read as nothing: None where the ink is not plainly an operator."""
        if self.image is None or not spots or not self.words or not self.settings.shapes:
            return [None] * len(spots)
        from extract.sources.mark_shapes import read_shape
        from extract.sources.marks import ink_threshold, mark_crop

        t = time.process_time()
        char_px = float(np.median([w.bottom - w.top for w in self.words])) * self.settings.scale * IDEOGRAPH_INK
        threshold = ink_threshold(self.image)
        out: list[str | None] = []
        for spot in spots:
            cell = tuple(round(v * self.settings.scale) for v in spot)
            crop = mark_crop(self.image, cell, char_px, threshold)
            out.append(None if crop is None else read_shape(crop, char_px))
        self.timings.recognise += time.process_time() - t
        return out

    def as_dicts(self) -> list[dict[str, Any]]:
        return [w.as_dict() for w in self.words]

    @property
    def text(self) -> str:
        """The words in reading order, one line per row of boxes (for prose readers and checks)."""
        return "\n".join(" ".join(w.text for w in line) for line in lines_of_type(self.words))


# ---------------------------------------------------------------- engine


class _Engine:
    """rapidocr's detector and recogniser on onnxruntime sessions built with our thread settings."""

    def __init__(self, threads: int, use_cls: bool) -> None:
        import onnxruntime as ort
        from rapidocr_onnxruntime import RapidOCR

        self.ocr: Any = RapidOCR(print_verbose=False)
        parts = [self.ocr.text_det.infer, self.ocr.text_rec.session] if threads else []
        if use_cls and threads:
            parts.append(self.ocr.text_cls.infer)
        for part in parts:  # rebuild each session: rapidocr's own spin-wait and use every core
            opts = ort.SessionOptions()
            opts.log_severity_level = 4
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.intra_op_num_threads = max(1, threads)
            opts.inter_op_num_threads = 1
            opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
            model = part.session._model_path
            part.session = ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
        self.lock = threading.Lock()  # one page at a time per engine (sessions are shared state)


@lru_cache(maxsize=4)
def _engine(threads: int, use_cls: bool) -> _Engine:
    return _Engine(threads, use_cls)


def engine_version() -> str:
    """The engine as recorded in ``extractor``, checked against what is installed."""
    from importlib.metadata import version

    installed = version(ENGINE)
    return f"{ENGINE} {installed} {MODELS}"


# ---------------------------------------------------------------- image steps


def render(page: Any, scale: float) -> np.ndarray:
    """A pypdfium2 page rendered upright (its ``/Rotate`` applied) at ``scale`` pixels per point, BGR."""
    bitmap = page.render(scale=scale)
    try:
        arr = bitmap.to_numpy()
        if arr.ndim == 2:
            arr = np.repeat(arr[:, :, None], 3, axis=2)
        elif arr.shape[2] == 4:
            arr = arr[:, :, :3]
        return np.ascontiguousarray(arr)
    finally:
        bitmap.close()


def suppress_red(bgr: np.ndarray) -> np.ndarray:
    """A copy of ``bgr`` with red ink (seal) made white: red well above both green and blue.

    Black text under a seal stays black (a seal is multiplied over the print, ink over ink stays
    dark); only the red strokes and the pink wash go. Grey scans have no colour to go by: there
    the seal stays (it is faint there, and the detector mostly ignores it)."""
    b = bgr[:, :, 0].astype(np.int16)
    g = bgr[:, :, 1].astype(np.int16)
    r = bgr[:, :, 2].astype(np.int16)
    red = (r - np.maximum(g, b) > 40) & (r > 120)
    if not red.any():
        return bgr
    out = bgr.copy()
    out[red] = 255
    return out


def ink_box(bgr: np.ndarray, margin: int = 12) -> tuple[int, int, int, int]:
    """The inked area (x0, y0, x1, y1) of a page image, with ``margin`` pixels around it."""
    h, w = bgr.shape[:2]
    dark = bgr.min(axis=2) < 160
    rows = np.flatnonzero(dark.sum(axis=1) >= 2)
    cols = np.flatnonzero(dark.sum(axis=0) >= 2)
    if not len(rows) or not len(cols):
        return 0, 0, w, h
    return (max(0, int(cols[0]) - margin), max(0, int(rows[0]) - margin),
            min(w, int(cols[-1]) + 1 + margin), min(h, int(rows[-1]) + 1 + margin))


# ---------------------------------------------------------------- reading


# the most pixels a page is rendered to: a 20,000 x 20,000-point page at 2x would need 1.6 gigapixels
# (about 5 GB in BGR and RGBA buffers); an A4 page at 2x is 2 megapixels, an A0 poster 32
MAX_PIXELS = 40_000_000


def capped_scale(width: float, height: float, scale: float, max_pixels: int = MAX_PIXELS) -> float:
    """``scale``, lowered so that a page of ``width`` x ``height`` points renders to at most ``max_pixels``."""
    pixels = width * height * scale * scale
    if pixels <= max_pixels:
        return scale
    return float((max_pixels / (width * height)) ** 0.5)


def ocr_page(source: Any, *, scale: float | None = None, settings: OcrSettings = DEFAULT) -> OcrPage:
    """OCR one page: ``source`` is a pypdfium2 ``PdfPage`` (rendered at ``scale``, default the
    settings' scale, lowered for a page too large to render whole: :data:`MAX_PIXELS`) or a page
    image (numpy BGR/gray array or PIL image) whose ``scale`` (pixels per PDF point) must be given.
    Word boxes come back in points of the visible page."""
    cfg = settings if scale is None else _replace(settings, scale=scale)
    timings = OcrTimings()
    t = time.process_time()
    if hasattr(source, "render") and hasattr(source, "get_size"):
        width, height = source.get_size()
        cfg = _replace(cfg, scale=capped_scale(width, height, cfg.scale))
        img = render(source, cfg.scale)
    else:
        if scale is None:
            raise ValueError("an image needs its scale (pixels per PDF point)")
        img = _as_bgr(source)
        height, width = img.shape[0] / scale, img.shape[1] / scale
    timings.render = time.process_time() - t
    words, boxes = _read_image(img, cfg, timings)
    if cfg.tighten and hasattr(source, "render") and any(_unsure_ideograph(w) for w in words):
        t = time.process_time()  # read again from the page rendered finer
        finer = capped_scale(width, height, WORD_RESCALE)
        engine = _engine(cfg.threads, cfg.use_cls)
        with engine.lock:
            _reread_unsure_ideographs(engine, render(source, finer), words, cfg, (0, 0), finer)
        timings.recognise += time.process_time() - t
    rulings = _rulings(img, words, cfg.scale) if cfg.rulings else []
    return OcrPage(width=float(width), height=float(height), words=words, settings=cfg, boxes=boxes,
                   timings=timings, rulings=rulings, image=img)


def _read_spots(page: OcrPage, spots: list[tuple[float, float, float, float]]) -> list[tuple[str, float] | None]:
    """Each spot's ink read as a mark; where the whole cell's ink does not read as one (a seal's
    strokes across the cell), its middle is read again, where a form sets a lone mark."""
    from extract.sources.marks import centre_of

    cfg = page.settings
    char_px = float(np.median([w.bottom - w.top for w in page.words])) * cfg.scale * IDEOGRAPH_INK
    cells = [tuple(round(v * cfg.scale) for v in spot) for spot in spots]
    out = _read_cells(page, cells, char_px)
    again = [i for i, r in enumerate(out) if r is None]
    if again:
        middles = _read_cells(page, [centre_of(cells[i], char_px) for i in again], char_px)
        for i, r in zip(again, middles, strict=True):
            out[i] = r
    return out


def _read_cells(page: OcrPage, cells: list[tuple[int, ...]], char_px: float) -> list[tuple[str, float] | None]:
    from extract.sources.marks import (
        SHAPE_CONFIDENCE,
        MarkClean,
        ink_threshold,
        is_mark,
        lone_dash,
        mark_crop,
        wall_stub,
    )

    cfg = page.settings
    engine = _engine(cfg.threads, cfg.use_cls)
    threshold = ink_threshold(page.image)
    out: list[tuple[str, float] | None] = [None] * len(cells)
    # a flat stroke alone in its cell is a dash by its shape (the recogniser, shown a lone dash with
    # paper all round it, may read it as a figure: ``2``); never read as anything else
    for i, cell in enumerate(cells):
        flat = lone_dash(page.image, cell, char_px, threshold)
        if flat is not None:
            out[i] = (flat, SHAPE_CONFIDENCE)
    # a cell whose only ink is a flat stub off its wall holds nothing: not shown to the recogniser
    # (cut out without its wall, the stub alone reads as a dash)
    stubs = {i for i, cell in enumerate(cells) if out[i] is None and wall_stub(page.image, cell, char_px, threshold)}
    # as inked; where that reads as no mark, again without a grey seal's strokes, then its core only
    # (a crop cleaned of a seal can lose a light stroke of the mark too: it never overrules a mark read)
    for clean in (MarkClean.NONE, MarkClean.SEAL, MarkClean.CORE):
        todo = [i for i, r in enumerate(out) if r is None and i not in stubs]
        crops = [(i, mark_crop(page.image, cells[i], char_px, threshold, clean=clean)) for i in todo]
        todo_crops = [(i, c) for i, c in crops if c is not None]
        if not todo_crops:
            break
        t = time.process_time()
        with engine.lock:
            read = _recognise(engine, [c for _, c in todo_crops], cfg.rec_batch, cfg.rec_min_ratio)
        page.timings.recognise += time.process_time() - t
        for (i, _), (text, conf, _) in zip(todo_crops, read, strict=True):
            text, conf = _mended_figure(text.strip(), conf)
            if (is_mark(text) or CELL_FIGURE.match(text)) and conf >= SPOT_CONFIDENCE:
                out[i] = (text, conf)
    return out


def _mended_figure(text: str, conf: float) -> tuple[str, float]:
    """A cell's figure read with a slip that has one reading only (``8.``: a seal's dot of red ink
    beside the ``8``; :func:`normalise_number`) as that reading, never surer than
    :data:`MENDED_AT_MOST` (a figure mended is doubtful: its row is flagged)."""
    reading = normalise_number(text)
    if not reading.changed or reading.ambiguous or not CELL_FIGURE.match(reading.text):
        return text, conf
    return reading.text, min(conf, MENDED_AT_MOST)


# a short figure alone in its cell (a score or weight: ``10``, ``5.5``), read again from the cell's ink
CELL_FIGURE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?%?$")
SPOT_CONFIDENCE = 0.3  # a mark read alone in its own cell: the cell's walls already tell it from anything else
MENDED_AT_MOST = UNCERTAIN_BELOW - 0.01  # a cell's figure read again with a slip mended: doubtful, never sure


# a dark run longer than this many ems is a ruling: across, longer than any stroke or dash of type;
# down, longer than any stroke of a character (a wall between two cells one line high is not much longer)
RULING_ACROSS = 2.5
RULING_DOWN = 1.2
# a run shorter than RING_STRETCH ems whose middle bends off the straight line between its ends by more
# than RULING_BOW points is a stretch of a seal's ring, not a ruling: a ruled wall, skewed or not, stays
# within a pixel of its chord, the side of a ring 130 points across bows 2 points over 45 (a seal is
# about 12 ems across; a long wall a seal is stamped over takes some of its ink and may bow, and stays)
RULING_BOW = 1.0
RING_STRETCH = 6.0


def _rulings(img: np.ndarray, words: list[OcrWord], scale: float) -> list[Ruling]:
    """The rulings of a page image (a ruled form's cell walls), in points."""
    import cv2

    from extract.sources.marks import ink_mask

    if not words:
        return []
    char_px = float(np.median([w.bottom - w.top for w in words])) * scale
    dark = ink_mask(img).astype(np.uint8)
    out: list[Ruling] = []
    for vertical in (False, True):
        length = max(8, int((RULING_DOWN if vertical else RULING_ACROSS) * char_px))
        kernel = np.ones((length, 1) if vertical else (1, length), np.uint8)
        lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for k in range(1, n):
            x, y, w, h, _ = stats[k]
            long, thick = (h, w) if vertical else (w, h)
            if thick > max(4, long // 10):  # a blot, not a line
                continue
            mask = labels[y:y + h, x:x + w] == k
            if long < RING_STRETCH * char_px and _bow(mask if vertical else mask.T) > RULING_BOW * scale:
                continue  # a stretch of a seal's ring
            if vertical:
                a, b = np.flatnonzero(mask[0]), np.flatnonzero(mask[-1])
                out.append(Ruling(x0=(x + float(a.mean()) + 0.5) / scale, y0=y / scale,
                                  x1=(x + float(b.mean()) + 0.5) / scale, y1=(y + h) / scale, vertical=True))
            else:
                a, b = np.flatnonzero(mask[:, 0]), np.flatnonzero(mask[:, -1])
                out.append(Ruling(x0=x / scale, y0=(y + float(a.mean()) + 0.5) / scale,
                                  x1=(x + w) / scale, y1=(y + float(b.mean()) + 0.5) / scale, vertical=False))
    return out


def _bow(mask: np.ndarray) -> float:
    """How far (pixels) the middle of a run drawn down ``mask`` (one row per step along it) bends off
    the straight line between its ends."""
    rows = mask.any(axis=1)
    if rows.sum() < 3:
        return 0.0
    cols = np.arange(mask.shape[1])
    centres = (mask * cols).sum(axis=1)[rows] / mask.sum(axis=1)[rows]
    chord = np.linspace(centres[0], centres[-1], len(centres))
    return float(np.abs(centres - chord).max())


def _replace(settings: OcrSettings, **changes: Any) -> OcrSettings:
    from dataclasses import replace

    return replace(settings, **changes)


def _as_bgr(image: Any) -> np.ndarray:
    if not isinstance(image, np.ndarray):  # PIL: RGB(A) or L
        pil = image.convert("RGB")
        return np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return np.ascontiguousarray(image[:, :, :3])


def _read_image(img: np.ndarray, cfg: OcrSettings, timings: OcrTimings) -> tuple[list[OcrWord], int]:
    engine = _engine(cfg.threads, cfg.use_cls)
    t = time.process_time()
    if cfg.suppress_red:
        img = suppress_red(img)
    x_off, y_off = 0, 0
    if cfg.crop:
        x0, y0, x1, y1 = ink_box(img)
        img = np.ascontiguousarray(img[y0:y1, x0:x1])
        x_off, y_off = x0, y0
    timings.prepare = time.process_time() - t
    with engine.lock:
        t = time.process_time()
        boxes = _detect(engine, img, cfg)
        timings.detect = time.process_time() - t
        t = time.process_time()
        words: list[OcrWord] = []
        if len(boxes):
            crops = engine.ocr.get_crop_img_list(img, boxes)
            if cfg.use_cls:
                crops, _, _ = engine.ocr.text_cls(crops)
            read = _recognise(engine, crops, cfg.rec_batch, cfg.rec_min_ratio)
            seal = _seal_boxes(img, crops, [text.strip() for text, _, _ in read]) if cfg.drop_seal else set()
            threshold: float | None = None  # the page's ink level, once a word needs it
            for k, (box, crop, (text, conf, chars)) in enumerate(zip(boxes, crops, read, strict=True)):
                if conf < cfg.min_confidence or not text.strip():
                    continue
                if cfg.drop_seal:
                    text, chars = _without_seal_characters(img, crop, text, chars, sealed=k in seal)
                    if not text.strip():
                        continue
                if cfg.marks and text[:1].isdigit():
                    threshold = _ink_threshold(img) if threshold is None else threshold
                    text, chars = _with_cut_operator(engine, img, box, crop, chars, threshold, cfg)
                if cfg.marks and _DIGIT_PAIR.search(text):
                    threshold = _ink_threshold(img) if threshold is None else threshold
                    text, chars = _with_range_dashes(engine, crop, chars, threshold, cfg)
                ink = ink_extent(crop) if cfg.tighten else None
                words.extend(_words(box, crop.shape[:2], text, chars, (x_off, y_off), cfg.scale, ink))
            if cfg.tighten and words:
                _reread_broken_figures(engine, img, words, cfg, (x_off, y_off))
            if cfg.marks and words:
                words.extend(_marks(engine, img, boxes, words, cfg, (x_off, y_off)))
            if cfg.shapes and words:
                _operator_bars(img, words, cfg, (x_off, y_off))
        timings.recognise = time.process_time() - t
    return words, len(boxes)


WORD_MARGIN = 0.1  # ems of the page left around a word's tight box when it is read again
WORD_RESCALE = 3.0  # words holding an unsure ideograph are read again from the page rendered at this scale
# (once: the page's own 2x image cut tight read 清激 no better, and cost as much again)


def _unsure_ideograph(w: OcrWord) -> bool:
    return any(i < len(w.text) and unicodedata.east_asian_width(w.text[i]) in "WF" and w.text[i].isalpha()
               for i in w.uncertain())


def _read_tight(engine: _Engine, img: np.ndarray, todo: list[OcrWord], cfg: OcrSettings,
                offset: tuple[int, int], scale: float) -> list[tuple[OcrWord, tuple[str, float, Chars]]]:
    """Each word of ``todo`` recognised again from a crop of ``img`` (rendered at ``scale``) cut tight
    around its ink (:func:`_word_crop`), in one batch; words whose crop holds no ink are left out.
    Returns each word with the recogniser's (text, confidence, characters)."""
    crops = [(w, c) for w in todo if (c := _word_crop(img, w, scale, offset)) is not None]
    if not crops:
        return []
    read = _recognise(engine, [c for _, c in crops], cfg.rec_batch, cfg.rec_min_ratio)
    return [(w, r) for (w, _), r in zip(crops, read, strict=True)]


def _reread_unsure_ideographs(engine: _Engine, img: np.ndarray, words: list[OcrWord], cfg: OcrSettings,
                              offset: tuple[int, int], scale: float | None = None) -> None:
    """Words holding an ideograph read unsurely (``清激`` for ``清淤``, ``深露`` for ``裸露``: the detector's
    crop of a skewed box cuts into the strokes or takes in a ruling) read again from a crop drawn tight
    around their ink (:func:`ink_extent`); the new reading replaces the old one only when it is as long,
    differs from it only where the old one was unsure, and is surer there. ``img`` is the page
    rendered at ``scale`` (default the settings' scale: the image the page was read from)."""
    for w, (text, _, chars) in _read_tight(engine, img, [w for w in words if _unsure_ideograph(w)], cfg,
                                           offset, scale or cfg.scale):
        if len(text) != len(w.text) or len(chars) != len(text) or text == w.text:
            continue
        unsure = set(w.uncertain())
        changed = [i for i, (a, b) in enumerate(zip(w.text, text, strict=True)) if a != b]
        if all(i in unsure and chars[i][1] > max(w.char_confidences[i], cfg.min_confidence) for i in changed):
            confs = [max(old, new[1]) if i not in changed else new[1]
                     for i, (old, new) in enumerate(zip(w.char_confidences, chars, strict=True))]
            w.text, w.char_confidences = text, tuple(confs)
            w.confidence = float(np.mean(confs))


# a figure as the recogniser reads it, whole or broken: digits, separators and a percent sign only
_FIGURE_LIKE = re.compile(r"^[\d,.]*\d[\d,.]*%?$")


def broken_figure(text: str) -> bool:
    """``text`` is a figure the recogniser broke: digits and separators that no printed figure has
    (``33,162,8.19``: a group of one digit; ``5,155.``, ``11,377,``: a separator with nothing after
    it). The recogniser drops characters of a figure whose crop takes in pieces of the cell's walls;
    a figure printed whole is plain (:data:`_PLAIN`)."""
    return bool(_FIGURE_LIKE.match(text)) and not _PLAIN.match(text)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _holds_in_order(part: str, whole: str) -> bool:
    """Every character of ``part`` is in ``whole``, in the same order."""
    it = iter(whole)
    return all(ch in it for ch in part)


def _reread_broken_figures(engine: _Engine, img: np.ndarray, words: list[OcrWord], cfg: OcrSettings,
                           offset: tuple[int, int]) -> None:
    """Figures read broken (:func:`broken_figure`) read again from the page's own image, cut tight
    around their ink (:func:`_word_crop`: no rulings beside them). The new reading replaces the old one
    only when it is a plain figure holding every digit of the old one in order and more (the first
    reading dropped digits; nothing else is changed), kept doubtful (:data:`MENDED_AT_MOST`).
    One crop per broken figure, from the image already rendered."""
    for w, (text, conf, chars) in _read_tight(engine, img, [w for w in words if broken_figure(w.text)], cfg,
                                              offset, cfg.scale):
        old, new = _digits(w.text), _digits(text)
        if not _PLAIN.match(text) or len(new) <= len(old) or not _holds_in_order(old, new):
            continue
        if conf < cfg.min_confidence or len(chars) != len(text):
            continue
        width = w.x1 - w.x0
        w.text = text
        w.char_confidences = tuple(min(p, MENDED_AT_MOST) for _, p, _ in chars)
        w.char_x = tuple(w.x0 + share * width for _, _, share in chars)
        w.confidence = min(conf, MENDED_AT_MOST)


def _word_crop(img: np.ndarray, w: OcrWord, scale: float, offset: tuple[int, int]) -> np.ndarray | None:
    """The word's ink cut out of the page image with a little paper round it (None: no clear ink)."""
    h, wd = img.shape[:2]
    m = WORD_MARGIN * (w.bottom - w.top) * scale
    x0, y0 = max(0, round(w.x0 * scale - offset[0] - m)), max(0, round(w.top * scale - offset[1] - m))
    x1, y1 = min(wd, round(w.x1 * scale - offset[0] + m)), min(h, round(w.bottom * scale - offset[1] + m))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = img[y0:y1, x0:x1]
    ext = ink_extent(crop)
    if ext is None:
        return None
    pad = max(2, round(REREAD_PAD * (ext.bottom - ext.top)))
    return np.ascontiguousarray(crop[max(0, ext.top - pad):ext.bottom + pad, max(0, ext.left - pad):ext.right + pad])


# an operator the recogniser reads unsurely at the head of a target (``≥95%`` as ``>95%``): bare or barred
_BARE = {">": "≥", "<": "≤", "＞": "≥", "＜": "≤"}
OPERATOR_PAD = 0.15  # ems of paper around the operator cut from its word


def _operator_bars(img: np.ndarray, words: list[OcrWord], cfg: OcrSettings, offset: tuple[int, int]) -> None:
    """Words opening with a bare ``>`` or ``<`` read with less confidence than :data:`UNCERTAIN_BELOW`
    (and no ``=`` after it): the operator is cut out and its strokes counted
    (:func:`extract.sources.mark_shapes.has_bar`); one with the bar of ``≥`` / ``≤`` becomes that
    operator, its confidence kept (unsure: the word's figure is flagged, :func:`number_needs_flag`)."""
    from extract.sources.mark_shapes import has_bar

    char_px = float(np.median([w.bottom - w.top for w in words])) * cfg.scale * IDEOGRAPH_INK
    for k, w in enumerate(words):
        if (not w.text or w.text[0] not in _BARE or not w.char_confidences
                or w.char_confidences[0] >= UNCERTAIN_BELOW or w.text[1:2] in ("=", "＝")):
            continue
        pad = OPERATOR_PAD * (w.bottom - w.top)
        right = (w.char_x[0] + w.char_x[1]) / 2 if len(w.char_x) > 1 else w.x1 + pad
        x0, x1 = max(0, round((w.x0 - pad) * cfg.scale) - offset[0]), round(right * cfg.scale) - offset[0]
        y0, y1 = max(0, round((w.top - pad) * cfg.scale) - offset[1]), round((w.bottom + pad) * cfg.scale) - offset[1]
        if x1 - x0 < 2 or y1 - y0 < 2 or not has_bar(np.ascontiguousarray(img[y0:y1, x0:x1]), char_px):
            continue
        words[k] = OcrWord(text=_BARE[w.text[0]] + w.text[1:], x0=w.x0, x1=w.x1, top=w.top, bottom=w.bottom,
                           confidence=w.confidence, char_confidences=w.char_confidences, char_x=w.char_x)


def _without_seal_characters(img: np.ndarray, crop: np.ndarray, text: str, chars: Chars,
                             sealed: bool = False) -> tuple[str, Chars]:
    """The word without the characters a red seal printed beside it (:func:`extract.sources.seal.seal_characters`).
    ``sealed``: the word's ink is the seal's (:func:`_seal_boxes`): nothing is left of it, unless some of
    its characters are told as the seal's and the others are not (a 无 of type read with a character of
    the seal stamped beside it): those others are the print's."""
    from extract.sources.marks import ink_threshold
    from extract.sources.seal import seal_characters, type_characters

    red = crop.ndim == 3 and bool(((crop[:, :, 2].astype(np.int16) - crop[:, :, :2].max(axis=2)) > 40).any())
    if not red or not chars:
        return ("", []) if sealed else (text, chars)
    read = "".join(c for c, _, _ in chars)
    centres = [share for _, _, share in chars]
    bad = seal_characters(crop, read, centres, ink_threshold(img))
    if sealed:  # only the characters of type are the print's
        typed = type_characters(crop, read, centres, ink_threshold(img)) - bad if bad else set()
        bad = set(range(len(chars))) - typed
    if not bad:
        return text, chars
    kept = [c for k, c in enumerate(chars) if k not in bad]
    return "".join(c for c, _, _ in kept), kept


_DIGIT_PAIR = re.compile(r"\d\d")


def _ink_threshold(img: np.ndarray) -> float:
    from extract.sources.marks import ink_threshold

    return ink_threshold(img)


def _with_cut_operator(engine: _Engine, img: np.ndarray, box: np.ndarray, crop: np.ndarray, chars: Chars,
                       threshold: float, cfg: OcrSettings) -> tuple[str, Chars]:
    """The word with the operator its box cut through put back (``100%`` -> ``=100%``): where the
    crop's left edge cuts ink, the word read again from the page, its box widened to the left
    (:mod:`extract.sources.edge_marks`; the caller holds the engine's lock)."""
    from extract.sources.edge_marks import WIDEN, ink_at_left_edge, left_of_wall, operator_put_before

    text = "".join(c for c, _, _ in chars)
    ink = ink_extent(crop)
    if ink is None or not ink_at_left_edge(crop, threshold, (ink.top, ink.bottom)):
        return text, chars
    x0, x1 = float(box[:, 0].min()), float(box[:, 0].max())
    y0, y1 = float(box[:, 1].min()), float(box[:, 1].max())
    left = max(0, int(x0 - WIDEN * (y1 - y0)))
    rows = slice(max(0, int(y0)), int(y1) + 1)
    left += left_of_wall(img[rows, left:int(x0) + 1], threshold)
    wider = np.ascontiguousarray(img[rows, left:int(x1) + 1])
    again, _, read = _recognise(engine, [wider], cfg.rec_batch, cfg.rec_min_ratio)[0]
    op = operator_put_before(text, again.strip())
    if op is None:
        return text, chars
    width = max(1.0, x1 - x0)
    ops: Chars = [(c, p, max(0.0, (left + share * wider.shape[1] - x0) / width)) for c, p, share in read[:len(op)]]
    return op + text, [*ops, *chars]


TIGHT_MARGIN = (1, 2)  # pixels of paper left and right, above and below a word's ink when it is read again


def _with_range_dashes(engine: _Engine, crop: np.ndarray, chars: Chars, threshold: float,
                       cfg: OcrSettings) -> tuple[str, Chars]:
    """The word with the dashes of a range the recogniser read past put back (``35天`` -> ``3-5天``):
    where the crop shows a dash between two digits, the word read again close around its ink
    (:mod:`extract.sources.range_dashes`; the caller holds the engine's lock)."""
    from extract.sources.range_dashes import dash_between_digits, dashes_put_back, with_dashes

    text = "".join(c for c, _, _ in chars)
    ink = ink_extent(crop) if dash_between_digits(crop, chars, threshold) else None
    if ink is None:
        return text, chars
    mx, my = TIGHT_MARGIN
    tight = np.ascontiguousarray(crop[max(0, ink.top - my):ink.bottom + my, max(0, ink.left - mx):ink.right + mx])
    again = _recognise(engine, [tight], cfg.rec_batch, cfg.rec_min_ratio)[0][0]
    if not dashes_put_back(text, again):
        return text, chars
    mended = with_dashes(chars, again)
    return "".join(c for c, _, _ in mended), mended


def _seal_boxes(img: np.ndarray, crops: list[np.ndarray], texts: list[str]) -> set[int]:
    """The detected boxes whose text a seal printed (:mod:`extract.sources.seal`)."""
    from extract.sources.marks import ink_threshold
    from extract.sources.seal import seal_words, shade_of

    threshold = ink_threshold(img)
    paper = float(np.percentile(lightest_channel(img[::2, ::2]), 75))
    return seal_words(texts, [shade_of(c, threshold) for c in crops], paper)


def _detect(engine: _Engine, img: np.ndarray, cfg: OcrSettings) -> list[np.ndarray]:
    det = engine.ocr.text_det
    det.limit_type = "max" if cfg.det_max_side else "min"
    det.limit_side_len = cfg.det_max_side or 736
    boxes, _ = det(img)
    if boxes is None or len(boxes) == 0:
        return []
    return list(engine.ocr.sorted_boxes(boxes))


REREAD_BELOW = 0.9  # a detected word of a mark or two read with less confidence is read again as a mark


def _marks(engine: _Engine, img: np.ndarray, boxes: list[np.ndarray], words: list[OcrWord], cfg: OcrSettings,
           offset: tuple[int, int]) -> list[OcrWord]:
    """Words for the short marks the detector missed (:mod:`extract.sources.marks`); and the
    detector's own words of one or two marks read with little confidence read again, in a crop
    cut as for a mark (the recogniser reads ``=`` cut tight as ``"``, ``0`` or ``-``): the new
    reading replaces the old (in ``words``, in place) when it is a mark and surer."""
    from extract.sources.marks import MarkBox, crop, read_marks

    # the inked height of a character (the words' boxes are one em high)
    char_px = float(np.median([w.bottom - w.top for w in words])) * cfg.scale * IDEOGRAPH_INK

    def read(crops: list[np.ndarray]) -> list[tuple[str, float]]:
        return [(text, conf) for text, conf, _ in _recognise(engine, crops, cfg.rec_batch, cfg.rec_min_ratio)]

    def px(v: float, off: int) -> int:
        return round(v * cfg.scale) - off

    short = [i for i, w in enumerate(words) if len(w.text) <= 2 and w.confidence < REREAD_BELOW
             and not any(unicodedata.east_asian_width(c) in "WF" and c.isalpha() for c in w.text)]
    if short:
        spots = [MarkBox(x0=px(words[i].x0, offset[0]), y0=px(words[i].top, offset[1]),
                         x1=px(words[i].x1, offset[0]), y1=px(words[i].bottom, offset[1])) for i in short]
        tight = read([crop(img, b, char_px) for b in spots])
        padded = read([padded_crop(img, b) for b in spots])
        for i, *readings in zip(short, tight, padded, strict=True):
            text, conf = _surest_mark(readings)
            if text and conf > words[i].confidence and text != words[i].text and not words[i].text.startswith(text):
                w = words[i]
                words[i] = OcrWord(text=text, x0=w.x0, x1=w.x1, top=w.top, bottom=w.bottom, confidence=conf,
                                   char_confidences=(conf,), char_x=((w.x0 + w.x1) / 2,))
    out = []
    for box, text, conf in read_marks(img, boxes, char_px, read, cfg.min_confidence):
        x0, x1 = (box.x0 + offset[0]) / cfg.scale, (box.x1 + offset[0]) / cfg.scale
        top, bottom = (box.y0 + offset[1]) / cfg.scale, (box.y1 + offset[1]) / cfg.scale
        out.append(OcrWord(text=text, x0=x0, x1=x1, top=top, bottom=bottom, confidence=conf,
                           char_confidences=(conf,), char_x=((x0 + x1) / 2,)))
    return out


# paper around a word of one or two marks read again, in ems of its box: the recogniser, trained on
# lines of type with paper around them, reads an operator cut tight (``≥`` as ``vi``, ``Yn``) or cut
# as a lone mark (a window a little higher than a character) less surely than with this much paper
PAD_ACROSS = 0.5
PAD_DOWN = 0.2


def padded_crop(img: np.ndarray, box: Any) -> np.ndarray:
    """The word's box (pixels: x0, y0, x1, y1; one em high) with :data:`PAD_ACROSS` ems of paper
    left and right and :data:`PAD_DOWN` above and below."""
    h, w = img.shape[:2]
    em = max(1, box.y1 - box.y0)
    x0, x1 = max(0, int(box.x0 - PAD_ACROSS * em)), min(w, int(box.x1 + PAD_ACROSS * em) + 1)
    y0, y1 = max(0, int(box.y0 - PAD_DOWN * em)), min(h, int(box.y1 + PAD_DOWN * em) + 1)
    return np.ascontiguousarray(img[y0:y1, x0:x1])


def _surest_mark(readings: list[tuple[str, float]]) -> tuple[str, float]:
    """Of a word's readings again, the surest that is a mark (("", 0.0) when none is)."""
    marks = [(t.strip(), c) for t, c in readings if _is_mark(t.strip())]
    return max(marks, key=lambda m: m[1], default=("", 0.0))


def _is_mark(text: str) -> bool:
    from extract.sources.marks import is_mark

    return is_mark(text)


Chars = list[tuple[str, float, float]]  # character, confidence, x-centre as a share of the crop's width


def _recognise(engine: _Engine, crops: list[np.ndarray], batch: int, min_ratio: float = 0.0
               ) -> list[tuple[str, float, Chars]]:
    rec = engine.ocr.text_rec
    _, img_h, img_w = rec.rec_image_shape
    ratios = [c.shape[1] / float(c.shape[0]) for c in crops]
    order = np.argsort(np.array(ratios), kind="stable")
    out: list[tuple[str, float, Chars]] = [("", 0.0, [])] * len(crops)
    for start in range(0, len(crops), max(1, batch)):
        idx = order[start:start + max(1, batch)]
        max_ratio = max(min_ratio or img_w / img_h, *(ratios[i] for i in idx))
        norm = np.concatenate([rec.resize_norm_img(crops[i], max_ratio)[np.newaxis, :] for i in idx])
        preds = rec.session(norm.astype(np.float32))[0]  # (n, columns, classes)
        best = preds.argmax(axis=2)
        prob = preds.max(axis=2)
        columns = preds.shape[1]
        for k, i in enumerate(idx):
            # columns the crop itself covers (the rest of the batch width is padding)
            own = min(columns, max(1.0, columns * ratios[i] / max_ratio))
            out[i] = _ctc(best[k], prob[k], rec.postprocess_op.character, own)
    return out


def _ctc(best: np.ndarray, prob: np.ndarray, charset: list[str], own: float) -> tuple[str, float, Chars]:
    """Greedy CTC decode keeping each character's probability and column (as a share of the crop)."""
    chars: Chars = []
    prev = -1
    for col, (k, p) in enumerate(zip(best.tolist(), prob.tolist(), strict=True)):
        if k != prev and k != 0:
            chars.append((charset[k], float(p), min(1.0, (col + 0.5) / own)))
        prev = k
    text = "".join(c for c, _, _ in chars)
    conf = float(np.mean([p for _, p, _ in chars])) if chars else 0.0
    return text, conf, chars


@dataclass(frozen=True)
class InkExtent:
    """Where a crop's ink lies (pixels of the crop): the rows and columns holding dark pixels."""

    top: int
    bottom: int
    left: int
    right: int


INK_CONTRAST = 60  # a crop whose darkest pixel is less than this below its paper holds no ink to go by


EDGE_SHARE = 0.25  # in a crop less than twice as wide as high, only in this share of its height at top or bottom
INK_GAP = 0.15  # blank pixel rows up to this share of the crop's height inside one band of type


def ink_extent(crop: np.ndarray) -> InkExtent | None:
    """The extent of the type in a recogniser crop, or None when the crop shows no clear ink.

    Ink is what is dark in every channel (black print; a red seal is bright in red and is not ink),
    darker than halfway between the crop's paper (its 90th percentile) and its darkest pixel.
    Rulings caught in the crop are not type: pixel rows dark across the whole of a long crop and
    pixel columns dark over its whole height are left out, and of the bands of inked rows the one
    holding most ink is the type (a ruling's stub is a thin band of its own)."""
    grey = lightest_channel(crop)
    h, w = grey.shape[:2]
    paper = float(np.percentile(grey, 90))
    darkest = float(grey.min())
    if paper - darkest < INK_CONTRAST or h < 2 or w < 2:
        return None
    dark = grey < (paper + darkest) / 2
    ruled = dark.sum(axis=1) >= RULED * w
    if w < 2 * h:  # a short word (an operator): only a ruling caught at its crop's top or bottom edge
        edge = max(1, int(EDGE_SHARE * h))
        ruled[edge:h - edge] = False
    dark[ruled, :] = False
    dark[:, dark.sum(axis=0) >= RULED * h] = False
    per_row = dark.sum(axis=1)
    band = _main_band(per_row, max(1, int(INK_GAP * h)))
    if band is None:
        return None
    top, bottom = band
    cols = np.flatnonzero(dark[top:bottom].any(axis=0))
    return InkExtent(top=top, bottom=bottom, left=int(cols[0]), right=int(cols[-1]) + 1)


def _main_band(per_row: np.ndarray, gap: int) -> tuple[int, int] | None:
    """The run of inked pixel rows (blank stretches up to ``gap`` rows bridged) holding most ink."""
    rows = np.flatnonzero(per_row)
    if not len(rows):
        return None
    best: tuple[int, int] | None = None
    best_ink = -1
    start = prev = int(rows[0])
    for r in [*rows[1:].tolist(), None]:
        if r is not None and r - prev <= gap + 1:
            prev = r
            continue
        ink = int(per_row[start:prev + 1].sum())
        if ink > best_ink:
            best, best_ink = (start, prev + 1), ink
        if r is not None:
            start = prev = r
    return best


# how much of an em the ink of type fills in height: an ideograph nearly all of it, digits and
# Latin letters (cap height) about three quarters
IDEOGRAPH_INK = 0.88
LATIN_INK = 0.72
SIDE_BEARING = 0.06  # paper left and right of a glyph's ink inside its advance, in ems
HALF_EM_PUNCT = 0.55  # full-width punctuation: ink in one half of the em, paper in the other


def _em(text: str, ink_px: float) -> float:
    """The type size (em, pixels) that gives ``text`` its inked height."""
    wide = any(unicodedata.east_asian_width(c) in "WF" and c.isalpha() for c in text)
    return ink_px / (IDEOGRAPH_INK if wide else LATIN_INK)


def _bearing(ch: str, *, lead: bool) -> float:
    """Paper between the edge of a character's advance and its ink, in ems, on its leading
    (``lead``) or trailing side: a text layer's word box is the advances' box, not the ink's.
    Full-width opening brackets set their ink in the trailing half of the em, closing brackets
    and full-width commas, stops and colons in the leading half."""
    if not ch:
        return 0.0
    wide = unicodedata.east_asian_width(ch) in "WF"
    cat = unicodedata.category(ch)
    if wide and cat == "Ps":
        return HALF_EM_PUNCT if lead else SIDE_BEARING
    if wide and cat in ("Pe", "Po"):
        return SIDE_BEARING if lead else HALF_EM_PUNCT
    return SIDE_BEARING


def _runs(chars: Chars) -> list[Chars]:
    """The recognised characters cut at blanks into words (as pdfplumber cuts a line)."""
    runs: list[Chars] = [[]]
    for ch in chars:
        if ch[0].isspace():
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(ch)
    return [r for r in runs if r]


def _words(box: np.ndarray, crop_hw: tuple[int, int], text: str, chars: Chars, offset: tuple[int, int],
           scale: float, ink: InkExtent | None = None) -> list[OcrWord]:
    """A box's text as words (split at blanks, as pdfplumber splits), in points of the page.

    With ``ink`` (the crop's inked extent) the words' boxes are drawn as a text layer draws them:
    one em high around the ink's centre (the type size estimated from the ink's height) and from
    the first character's advance to the last's (the ink widened by the side bearings). The
    detector's boxes are padded by a few pixels all round and catch pieces of the lines and
    rulings beside them, which narrows the gaps between cells and makes lines taller than the type."""
    xs = box[:, 0] + offset[0]
    ys = box[:, 1] + offset[1]
    bx0, bx1, btop, bbot = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    width = bx1 - bx0
    left, right = bx0, bx1
    if ink is not None:
        crop_h, crop_w = crop_hw
        per_px_x = width / max(1, crop_w)
        per_px_y = (bbot - btop) / max(1, crop_h) if crop_h else 1.0
        mid = (btop + bbot) / 2 + ((ink.top + ink.bottom) / 2 - crop_h / 2) * min(1.0, per_px_y)
        em = _em(text, ink.bottom - ink.top) * per_px_x
        half = _em(text, ink.bottom - ink.top) * min(1.0, per_px_y) / 2
        btop, bbot = mid - half, mid + half
        left = bx0 + ink.left * per_px_x - _bearing(text.strip()[:1], lead=True) * em
        right = bx0 + ink.right * per_px_x + _bearing(text.strip()[-1:], lead=False) * em
    runs = _runs(chars)
    out: list[OcrWord] = []
    pitch = width / max(1, len(chars))  # mean advance of one character
    for n, run in enumerate(runs):
        x0 = left if n == 0 else bx0 + run[0][2] * width - pitch / 2
        x1 = right if n == len(runs) - 1 else bx0 + run[-1][2] * width + pitch / 2
        word = "".join(c for c, _, _ in run)
        confs = tuple(p for _, p, _ in run)
        centres = tuple((bx0 + share * width) / scale for _, _, share in run)
        out.append(OcrWord(text=word, x0=x0 / scale, x1=max(x0, x1) / scale, top=btop / scale,
                           bottom=bbot / scale, confidence=float(np.mean(confs)), char_confidences=confs,
                           char_x=centres))
    return out


# boxes of one line of type overlap by most of the lower one's height, even on a scan skewed by 1° (two
# neighbours 100 pt apart drift by under 2 pt); a side heading set between two lines of the text beside
# it (half a line off, as 部门整体收支情况 beside a paragraph) overlaps either by about half
SAME_LINE_OVERLAP = 2 / 3


def _vertical_overlap(a: OcrWord, b: OcrWord) -> float:
    """The share of the lower box's height that the two boxes have in common."""
    common = min(a.bottom, b.bottom) - max(a.top, b.top)
    return common / max(1e-6, min(a.bottom - a.top, b.bottom - b.top))


def lines_of_type(words: list[OcrWord]) -> list[list[OcrWord]]:
    """The words as lines of type, in reading order. Left to right, a word joins the line whose last word
    stands before it and overlaps it most (at least ``SAME_LINE_OVERLAP``), so a skewed line is followed
    box by box; lines are ordered by their first word."""
    lines: list[list[OcrWord]] = []
    for w in sorted(words, key=lambda w: (w.x0, w.top)):
        best: list[OcrWord] | None = None
        best_overlap = SAME_LINE_OVERLAP
        for line in lines:
            last = line[-1]
            if last.x1 - (last.bottom - last.top) > w.x0:  # not before it: a box over it, or its own line
                continue
            overlap = _vertical_overlap(last, w)
            if overlap >= best_overlap:
                best, best_overlap = line, overlap
        if best is None:
            lines.append([w])
        else:
            best.append(w)
    return sorted(lines, key=lambda line: ((line[0].top + line[0].bottom) / 2, line[0].x0))


# ---------------------------------------------------------------- number slips


@dataclass(frozen=True)
class NumberReading:
    """What :func:`normalise_number` made of an OCR'd figure."""

    text: str  # the mended text (the original when nothing was mended)
    original: str
    fixes: tuple[str, ...] = ()  # what was mended, e.g. ("trailing point",)
    ambiguous: bool = False  # looks like a slipped number with more than one reading: left as read

    @property
    def changed(self) -> bool:
        return self.text != self.original


_PLAIN = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$|^[-+]?\d+(?:\.\d+)?%?$")
_LOOKS_NUMERIC = re.compile(r"^[-+]?[\d.,:%OoIl| ]+$")
# 4.053.30: every point but the last between groups of three digits is a thousands separator read as a
# point (a number has one decimal point): one reading only, unless the last group too is of three digits
# (1.234.567 may be an integer)
_POINTS_FOR_COMMAS = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+\.(?:\d{1,2}|\d{4,})%?$")
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "−": "-"})


def normalise_number(text: str) -> NumberReading:
    """Mend an OCR'd number's slips that have one reading only; report the rest as ambiguous.

    Mended: full-width forms (``８６．００``, ``８６％``), a point or comma trailing the number
    (``86.00.``), a colon read for the decimal point before exactly two decimals (``86：00``),
    blanks inside the number (``86. 00``), a doubled point (``86..00``), letters O/o/l/I/| read for
    0/1 between digits (``1O0`` -> ``100``), a percent sign read before the digits (``%06`` ->
    ``60%``: the token came out reversed), points read for the thousands separators when every
    group but the last is of three digits (``4.053.30`` -> ``4,053.30``). Left as read and
    ``ambiguous``: other numbers with more than one point (``86.0.0``), a colon before other than
    two digits (``10:3``). Anything that is not number-like
    is returned as it is."""
    original = text
    fixes: list[str] = []
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    if s != text.strip():
        fixes.append("full-width")
    if _PLAIN.match(s):
        return NumberReading(s, original, tuple(fixes))
    if not _LOOKS_NUMERIC.match(s) or not re.search(r"\d", s):
        return NumberReading(original, original)
    if " " in s:
        s2 = s.replace(" ", "")
        fixes.append("blank inside")
        s = s2
    if re.search(r"[.,]+$", s) and re.search(r"\d[.,]+$", s):
        s = re.sub(r"[.,]+$", "", s)
        fixes.append("trailing point")
    if s.startswith("%") and re.fullmatch(r"%[\d.]+", s):
        s = s[1:][::-1] + "%"
        fixes.append("reversed percent")
    if ":" in s:
        if re.fullmatch(r"[-+]?\d+:\d{2}%?", s):
            s = s.replace(":", ".")
            fixes.append("colon for point")
        else:
            return NumberReading(original, original, ambiguous=True)
    if ".." in s:
        s = re.sub(r"\.{2,}", ".", s)
        fixes.append("doubled point")
    if _POINTS_FOR_COMMAS.match(s):
        head, _, decimals = s.rpartition(".")
        s = head.replace(".", ",") + "." + decimals
        fixes.append("points for thousands separators")
    letters = re.sub(r"(?<=\d)[Oo](?=[\d.%]|$)|(?<=[\d.])[Oo](?=\d)", "0", s)
    letters = re.sub(r"(?<=\d)[Il|](?=[\d.%]|$)|(?<=[\d.])[Il|](?=\d)|^[Il|](?=\d)", "1", letters)
    if letters != s:
        fixes.append("letter for digit")
        s = letters
    if _PLAIN.match(s):
        return NumberReading(s, original, tuple(fixes))
    return NumberReading(original, original, ambiguous=True)


def number_needs_flag(word: OcrWord, below: float = UNCERTAIN_BELOW) -> bool:
    """True when a figure read by OCR should be flagged: one of its digits, points or signs was
    uncertain, or its text had to be mended, or it is a slip with more than one reading."""
    digits = set("0123456789.,%-+<>=≤≥＜＞＝")  # the figure's operator too (``≥`` read as ``>``)
    unsure = any(word.text[i] in digits for i in word.uncertain(below) if i < len(word.text))
    reading = normalise_number(word.text)
    return unsure or reading.changed or reading.ambiguous



# ---------------------------------------------------------------- a cell read again


REREAD_SCALES = (3.0, 4.0)  # a doubtful cell is read again rendered at these scales (the page was read at 2.0)
REREAD_INSET = 1.0  # points of a cell cut off at each wall before its ink is looked for (the rulings)
REREAD_PAD = 0.3  # of the ink's height, paper left around it in the crop read again


@dataclass(frozen=True)
class CellReading:
    """What the recogniser read in a cell read again, and how the cell was shown to it."""

    text: str
    confidence: float
    how: str  # "3x", "4x without red" ...


def read_cells_again(page: Any, boxes: list[tuple[float, float, float, float]],
                     scales: tuple[float, ...] = REREAD_SCALES,
                     settings: OcrSettings = DEFAULT,
                     images: dict[float, np.ndarray] | None = None) -> tuple[list[list[CellReading]], float]:
    """Every reading the recogniser gives of each cell (x0, top, x1, bottom in points of the visible
    page) of ``page`` (a pypdfium2 page), rendered again at each of ``scales`` and cut tight around
    the cell's ink (:func:`ink_extent`: rulings and a red seal are not ink), as inked and with its red
    ink made white (:func:`suppress_red`). Nothing is guessed: only what was read. Returns the
    readings per cell and the CPU seconds spent. ``images``, when given, keeps the page's renders by
    scale for the next call on the same page (a page with several failed identities is rendered once)."""
    t = time.process_time()
    engine = _engine(settings.threads, settings.use_cls)
    out: list[list[CellReading]] = [[] for _ in boxes]
    width, height = page.get_size()
    for scale in scales:
        s = capped_scale(width, height, scale)
        img = images.get(s) if images is not None else None
        if img is None:
            img = render(page, s)
            if images is not None:
                images[s] = img
        crops: list[tuple[int, np.ndarray, str]] = []
        for i, box in enumerate(boxes):
            for crop, how in _cell_crops(img, box, s):
                crops.append((i, crop, f"{scale:g}x{how}"))
        if not crops:
            continue
        with engine.lock:
            read = _recognise(engine, [c for _, c, _ in crops], settings.rec_batch, settings.rec_min_ratio)
        for (i, _, how), (text, conf, _) in zip(crops, read, strict=True):
            if text.strip():
                out[i].append(CellReading(text=text.strip(), confidence=conf, how=how))
    return out, time.process_time() - t


def _cell_crops(img: np.ndarray, box: tuple[float, float, float, float], scale: float
                ) -> list[tuple[np.ndarray, str]]:
    """The cell's ink cut out with a little paper round it: as inked, and (where it holds red ink)
    with the red made white."""
    h, w = img.shape[:2]
    inset = REREAD_INSET * scale
    x0, y0 = max(0, round(box[0] * scale + inset)), max(0, round(box[1] * scale + inset))
    x1, y1 = min(w, round(box[2] * scale - inset)), min(h, round(box[3] * scale - inset))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    cell = img[y0:y1, x0:x1]
    out: list[tuple[np.ndarray, str]] = []
    for shown, how in ((cell, ""), (suppress_red(cell), " without red")):
        if how and shown is cell:
            continue  # no red ink: the same crop
        ext = ink_extent(shown)
        if ext is None:
            continue
        pad = max(2, round(REREAD_PAD * (ext.bottom - ext.top)))
        out.append((np.ascontiguousarray(shown[max(0, ext.top - pad):ext.bottom + pad,
                                               max(0, ext.left - pad):ext.right + pad]), how))
    return out
