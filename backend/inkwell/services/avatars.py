"""Avatars: a locally generated identicon, so no third party learns who views whom."""

import hashlib

GRID = 5


def identicon_svg(seed, size=80):
    """A deterministic 5x5 mirrored identicon for `seed` (the email hash)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") % 360
    colour = f"hsl({hue}, 55%, 50%)"
    # The SPA shows avatars in a circle: keep the pattern inside the inscribed square.
    margin = size * 0.15
    cell = (size - 2 * margin) / GRID
    rects = []
    for row in range(GRID):
        for col in range((GRID + 1) // 2):
            if digest[2 + row * 3 + col] % 2 == 0:
                continue
            for x in {col, GRID - 1 - col}:
                rects.append(
                    f'<rect x="{margin + x * cell:.2f}" y="{margin + row * cell:.2f}" '
                    f'width="{cell:.2f}" height="{cell:.2f}"/>'
                )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img">'
        f'<rect width="{size}" height="{size}" fill="#f0f0f0"/>'
        f'<g fill="{colour}">{"".join(rects)}</g></svg>'
    )
