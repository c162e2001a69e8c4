"""Counting user-perceived characters (grapheme clusters), as the standard's length limits do."""

import unicodedata

ZWJ = "\u200d"
SKIN_TONES = range(0x1F3FB, 0x1F400)
REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)


def _extends(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in {"Mn", "Me", "Mc"}
        or char == ZWJ
        or 0xFE00 <= code <= 0xFE0F
        or code in SKIN_TONES
        or 0xE0020 <= code <= 0xE007F
    )


def count_graphemes(text: str) -> int:
    """An approximation of Unicode's extended grapheme clusters that is right for emoji sequences,
    combining marks, flags and CR LF."""
    count = 0
    previous = ""
    pending_flag = False
    for char in text:
        if count and (_extends(char) or previous == ZWJ or (previous == "\r" and char == "\n")):
            previous = char
            continue
        if ord(char) in REGIONAL_INDICATORS:
            if pending_flag:
                pending_flag = False
                previous = char
                continue
            pending_flag = True
        else:
            pending_flag = False
        count += 1
        previous = char
    return count
