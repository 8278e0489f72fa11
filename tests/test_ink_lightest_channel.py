"""A pixel is ink when it is dark in every channel: its lightest channel, taken channel by channel
(fast on a page image), is what the maximum over the channels is, for colour, colour with alpha and
grey images (the page readers' ink level and masks are unchanged)."""

import numpy as np

from extract.sources.ink import lightest_channel
from extract.sources.marks import ink_mask, ink_threshold


def _page(channels: int) -> np.ndarray:
    rng = np.random.default_rng(7)
    img = np.full((60, 80, channels), 245, np.uint8)
    img[20:24, 10:70] = 20  # a black stroke: dark in every channel
    if channels >= 3:
        img[30:50, 30:50, 2] = 230  # a red seal's wash: bright in red, dark in blue and green
        img[30:50, 30:50, :2] = 60
    return np.clip(img.astype(int) + rng.integers(-8, 8, img.shape), 0, 255).astype(np.uint8)


def test_lightest_channel_is_the_maximum_over_channels() -> None:
    for channels in (1, 3, 4):
        img = _page(channels)
        assert np.array_equal(lightest_channel(img), img.max(axis=2))
    grey = _page(1)[:, :, 0]
    assert np.array_equal(lightest_channel(grey), grey)


def test_a_red_seal_is_not_ink_but_black_print_is() -> None:
    img = _page(3)
    mask = ink_mask(img)
    assert mask[21, 40] and not mask[40, 40]
    assert 20 < ink_threshold(img) < 245
