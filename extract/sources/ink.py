"""What is ink in a page image: the measures the image readers share (ocr, marks, edge marks, range dashes).

- :data:`RULED`: a pixel row or column dark over this share of a crop is a ruling caught in it, not type;
- :func:`lightest_channel`: each pixel's lightest channel (a pixel is ink when it is dark in every
  channel: black print; a red seal is bright in red and is not ink).
"""

from __future__ import annotations

import numpy as np

RULED = 0.9  # a pixel row or column dark over this share of the crop is a ruling caught in it, not type


def lightest_channel(image: np.ndarray) -> np.ndarray:
    """Each pixel's lightest channel (``image.max(axis=2)``; a grey image as it is). Taken channel by
    channel: numpy's reduction over an axis of three is about ten times slower on a page image."""
    if image.ndim != 3:
        return image
    if image.shape[2] == 1:
        return image[:, :, 0]
    out = np.maximum(image[:, :, 0], image[:, :, 1])
    for c in range(2, image.shape[2]):
        np.maximum(out, image[:, :, c], out=out)
    return out
