"""What is ink in a page image: the measures the image readers share (ocr, edge marks, range dashes).

- :data:`RULED`: a pixel row or column dark over this share of a crop is a ruling caught in it, not type.
"""

from __future__ import annotations

RULED = 0.9  # a pixel row or column dark over this share of the crop is a ruling caught in it, not type
