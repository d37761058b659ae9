"""The name printed right after a title (区委书记某某, 副主席阿果尔布, 局长某某号召…)."""
from __future__ import annotations

from duikou.extract.people.chars import LIST_ENDS, is_name_char
from duikou.extract.people.names import Names
from duikou.extract.people.repeats import bounded_again


def after_title(n: Names, pos: int, gov: bool = True, bounded: bool = False) -> int | None:
    """End of the name printed right after a title at ``pos``. ``gov``: a post of a
    government or party body, after which a run cut at a follow word is a name even
    when it does not read as a transliteration (阿果尔布出席). ``bounded``: the title starts
    after a body, a region, another title or a delimiter (not inside a word: 践|行长|江…),
    so a name may also end where a frequent verb starts."""
    text = n.text
    if pos >= len(text) or not is_name_char(text[pos]):
        return None
    if n.follow_at(pos) >= 2:  # 区委书记陪同…: no name
        return None
    end = n.dotted(pos)
    if end is not None:
        return end if n.translit_ok(text[pos:end]) else None  # not 主席是某某·某某
    end = n.han(pos)
    if end is not None:
        if (not gov and text[pos] == "向" or text[pos] == "时") and text.count(text[pos:end]) < 2:
            return None  # 经理向客户介绍, 担任总裁时使用: a preposition or 'when', unless the name is printed again
        return end if text[pos:end] not in n.v.common_strong else None  # 校长郑重签订
    sl = n.surname_len(pos)
    if sl:
        end = _unclosed(n, pos, sl, bounded)
        if end is not None:
            return end
    return _nonhan(n, pos, sl, gov)


def _unclosed(n: Names, pos: int, sl: int, bounded: bool) -> int | None:
    """A surname-led name that no follow word closes: printed alone elsewhere, a married woman's
    name, or (after a bounded title) one that runs into a frequent verb."""
    text, v = n.text, n.v
    for length in (sl + 2, sl + 1):  # 部长某某转交…: a verb that is no follow word; the name printed alone elsewhere
        cand = text[pos:pos + length]
        if len(cand) == length and all(map(is_name_char, cand)) and bounded_again(n, cand, pos) \
                and n.plain_ok(pos, pos + length, False):
            return pos + length
    if sl == 1 and text[pos + 1:pos + 2] in v.single and _married(n, pos):
        return pos + 4  # 主席某某某某表示: a married woman's name, her husband's surname before her own
    if not bounded:
        return None
    for length in (sl + 2, sl + 1):  # 局长某某号召…: a verb no follow word lists
        cand = text[pos:pos + length]
        if (text[pos + length:pos + length + 2] in v.verbs or text[pos + length:pos + length + 1] in v.g.past_adverbs) \
                and len(cand) == length \
                and all(map(is_name_char, cand)) and n.plain_ok(pos, pos + length, False):
            return pos + length
    if sl == 1 and text[pos + 5:pos + 6] in v.g.verb_close and all(map(is_name_char, text[pos:pos + 5])) \
            and text[pos + 2] not in v.g.not_name_end and text[pos + 3] not in v.g.not_name_end \
            and not any(map(n.is_word, (text[pos:pos + 2], text[pos + 1:pos + 3], text[pos + 2:pos + 4]))) \
            and n.plain_ok(pos, pos + 3, False):
        return pos + 3  # 队长某某某铲起了…, 书记某某某感激地…: a two-character verb closed by an aspect mark or 地
    return None


def _nonhan(n: Names, pos: int, sl: int, gov: bool) -> int | None:
    """A name with no known surname after a title (阿果尔布出席, 副主席某某，)."""
    text = n.text
    end = n.nonhan(pos)
    if end is None:
        j = n.run_end(pos, limit=3)
        if j - pos == 2 and text[j:j + 1] in LIST_ENDS and not sl and n.translit_ok(text[pos:j]):
            return j  # 副主席某某，: a two-character transliterated name closed by punctuation
        return None
    name = text[pos:end]
    if not (gov and n.follow_at(end)) and not n.translit_ok(name, strict=False):
        return None  # 市长候选人, 教授来明确告诉, 成员单位: a word, not a transliterated name
    if sl and "·" not in name and "•" not in name and text.find(name, end) < 0 and text.rfind(name, 0, pos) < 0 \
            and not (len(name) == 4 and text[end:end + 1] in LIST_ENDS and n.translit_ok(name)):
        return None  # a surname-led run that is no Han name: only when printed again or typical throughout
    return end


def _married(n: Names, pos: int) -> bool:
    """Two surnames and a two-character given name closed by a follow word of two characters or more
    or by punctuation (not 关于加强…, 某某果断的, 某某则说): no pair of them an ordinary word."""
    text = n.text
    if n.run_end(pos, 4) != pos + 4 or not (n.follow_at(pos + 4) >= 2 or text[pos + 4:pos + 5] in LIST_ENDS):
        return False
    if any(map(n.is_word, (text[pos:pos + 2], text[pos + 1:pos + 3], text[pos + 2:pos + 4]))):
        return False
    return n.plain_ok(pos + 1, pos + 4, False)
