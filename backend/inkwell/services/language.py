"""Language detection for posts (deterministic: the detector is seeded once)."""

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0
MIN_LETTERS = 12


def detect_language(text):
    """ISO 639-1 code of `text`, or '' when it is too short or unclear to tell."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return ""
    try:
        language = detect(text)
    except LangDetectException:
        return ""
    return language[:5] if language else ""
