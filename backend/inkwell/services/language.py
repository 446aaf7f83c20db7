"""Language detection for posts (deterministic: the detector is seeded once).

langdetect reads its 55 language profiles on the first detection, which takes about half a
second and 60 MB. An API worker calls `warm_up()` before it accepts connections, so that no
author's post (and no push waiting behind it) pays for that load.
"""

from langdetect import DetectorFactory, LangDetectException, detect
from langdetect.detector_factory import init_factory

DetectorFactory.seed = 0
MIN_LETTERS = 12


def warm_up():
    """Load the language profiles now rather than on the first post."""
    init_factory()


def detect_language(text):
    """ISO 639-1 code of `text`, or '' when it is too short or unclear to tell."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return ""
    try:
        language = detect(text)
    except LangDetectException:
        return ""
    return language[:5] if language else ""
