"""Cutting a person's name out of the text at a position, and the checks that a cut reads as one.

A Han name is a surname (``data/surnames.yaml``) plus one or two characters, cut where a
following word (``follow`` in ``data/people_words.yaml``: 率, 一行, 代表, 指出...) or punctuation
starts, and no ordinary word (``data/common_words.yaml``: 郑重, 满意度); a name without a known
surname (阿果尔布) is the run up to such a word, or a run that reads as a transliteration
(``translit``).
"""
from __future__ import annotations

from duikou.extract.people.chars import DOTTED, LIST_ENDS, NAME_RUN, OPENING, is_name_char
from duikou.extract.people.lexicon import Lexicon


class Names:
    """Cuts names out of the text of one document."""

    def __init__(self, text: str, v: Lexicon):
        self.text = text
        self.v = v
        self.known: set[str] = set()
        self._lengths: tuple[int, list[int]] = (-1, [])  # (size of known, its name lengths, longest first)

    def known_lengths(self) -> list[int]:
        """Lengths of the known names, longest first (recomputed only when a name was added)."""
        if self._lengths[0] != len(self.known):
            self._lengths = (len(self.known), sorted({len(n) for n in self.known}, reverse=True))
        return self._lengths[1]

    def run_end(self, pos: int, limit: int = 9) -> int:
        """End of the run of name characters at ``pos`` (at most ``limit`` long)."""
        m = NAME_RUN.match(self.text, pos, pos + limit)
        return m.end() if m else pos

    def follow_at(self, pos: int) -> int:
        """Length of the follow word starting at ``pos`` (0 when none)."""
        # A dict on the first character: cheaper than trying every branch of an alternation.
        words = self.v.follow_by_first.get(self.text[pos:pos + 1])
        if words:
            for w in words:
                if self.text.startswith(w, pos):
                    return len(w)
        return 0

    def surname_len(self, pos: int) -> int:
        """Length of the surname starting at ``pos``: 2 for a compound one, 0 for none."""
        t = self.text
        if t[pos:pos + 2] in self.v.compound:
            return 2
        return 1 if pos < len(t) and t[pos] in self.v.single else 0

    def han(self, pos: int, run_end: int | None = None, sl: int | None = None) -> int | None:
        """End of a Han name (surname + 1-2 characters) starting at ``pos``, or None.

        ``sl`` forces the surname length (a function-word surname after a title).
        """
        text = self.text
        j = self.run_end(pos) if run_end is None else run_end
        sl = self.surname_len(pos) if sl is None else sl
        if not sl:
            return None
        for length in (sl + 2, sl + 1):  # a name already known wins
            if pos + length <= j and text[pos:pos + length] in self.known and (
                    pos + length == j or self.follow_at(pos + length)):
                return pos + length
        short, long_ = pos + sl + 1, pos + sl + 2
        f_short = self.follow_at(short) if short < j else 0
        f_long = self.follow_at(long_) if long_ < j else 0
        ok_short = short <= j and (short == j or f_short > 0)
        ok_long = long_ <= j and (long_ == j or f_long > 0)
        end: int | None
        if ok_short and ok_long:
            # 李雷说， -> 李雷; 王灿率代表团 -> 王灿; 王建和出席 -> 王建和: a character that can end
            # a name is part of it when a follow word comes right after it.
            # 张有为， -> 张有为 too: the name runs up to punctuation.
            # (not before a number: 某某以229环 is 某某 and the preposition)
            end = long_ if (f_short == 1 and (f_long > 0 or long_ == j and text[j:j + 1] not in OPENING
                                              and not text[j:j + 1].isdigit())
                            and text[short] in self.v.may_end) else short
        elif ok_short:
            end = short
        elif ok_long:
            end = long_
        else:
            return None
        if text[pos + sl:end] in self.v.not_given or text[pos:end] in self.v.not_given or not text[pos:end].isalpha():
            return None
        return end

    def translit_ok(self, name: str, strict: bool = True) -> bool:
        """A run that reads as a transliterated name: most characters typical of one, no stop character."""
        core = name.replace("·", "").replace("•", "")
        outside = len(core) - sum(map(self.v.translit.__contains__, core))
        if len(core) != len(name):  # parts joined by a dot: the dot is the strong sign, but the run
            # neither starts nor ends with a function word or a post (是某某·某某, 工会主席某某·某某,
            # 某某·某某举行), and some characters are typical
            return len(core) >= 3 and core[0] not in self.v.nonhan_stop and core[-1] not in self.v.nonhan_stop \
                and "的" not in core and 3 * outside <= 2 * len(core)
        if len(core) < 2 or not self.v.nonhan_stop.isdisjoint(core):
            return False
        if not strict:  # right after a title: most characters typical is enough (阿果尔布, not 候选人)
            return 2 * outside < len(core)
        if core[-1] in self.v.not_last:
            return False  # 克里姆林宫表示: a building or a body
        return outside <= (1 if len(core) >= 5 else 0)  # 特别提醒, 日益增长: one ordinary character is enough to refuse

    def plain_ok(self, start: int, end: int, weak: bool, withheld_ok: bool = False, strict: bool = True) -> bool:
        """``text[start:end]`` can be a person's name: a Han name that is no ordinary word, or a
        transliterated one. ``weak``: the cue is weak (a speech verb, a list, an age), so words that
        are also names (文明, 齐心) are refused too."""
        v, name = self.v, self.text[start:end]
        if "·" in name or "•" in name:
            return self.translit_ok(name)
        sl = self.surname_len(start)
        if sl and 1 <= len(name) - sl <= 2:
            given = name[sl:]
            if name in v.common_strong or name in v.not_given or given in v.not_given or name in v.title_info:
                return False
            if not v.not_in_given.isdisjoint(given) or given[-1] in v.not_last:
                return False
            if weak and (name in v.common_weak or "某" in given and not withheld_ok):  # 王某: withheld names
                return False
            if weak and given in v.common_given:
                return False  # 工程建设: a surname character before a frequent word
            return True
        return len(name) >= 3 and self.translit_ok(name, strict)

    def list_name_ok(self, start: int, end: int) -> bool:
        """An item of a list of names: no ordinary word (文化, 班子) when it reads as a Han name."""
        sl = self.surname_len(start)
        if sl and 1 <= end - start - sl <= 2:
            return self.text[start:end] not in self.v.common_strong
        return True

    def nonhan(self, pos: int) -> int | None:
        """End of a name without a known surname (阿果尔布): the run up to a follow word."""
        text = self.text
        j = self.run_end(pos, limit=10)
        stop = self.v.nonhan_stop
        for k in range(pos, min(j, pos + 8)):
            f = self.follow_at(k) if k - pos >= 3 else 0
            if f and not (f >= 2 and self.follow_at(k + 1) >= f):
                if text[k - 1:k + 1] == "来说" and k - 1 - pos >= 2:
                    return k - 1  # 对某某某某来说: the phrase 对…来说, not a name ending in 来
                return k  # 买买提出席: 提出 overlaps 出席, the later word is the one
            if text[k] in stop:
                j = k
                break
        if j - pos >= 3 and j < len(text) and not is_name_char(text[j]):
            return j
        if j - pos >= 3 and j == len(text):
            return j
        return None

    def dotted(self, pos: int) -> int | None:
        """End of a name in dot-joined parts (某某江·某某班代表…): the last part ends at a follow word."""
        m = DOTTED.match(self.text, pos)
        if m is None:
            return None
        last = self.text.rfind("·", pos, m.end())
        last = max(last, self.text.rfind("•", pos, m.end())) + 1
        end = m.end()
        for k in range(last + 2, min(m.end(), last + 7)):  # a last part has at most six characters
            f = self.follow_at(k)
            if f and not (f >= 2 and self.follow_at(k + 1) >= f):
                end = k  # 买买提出席: 提出 overlaps 出席, the later word is the one
                break
        else:
            if m.end() - last > 6:
                return None  # 某某·某某某某解释如何: the run goes on into the verb
        if end - last >= 3 and self.text[end - 2:end] in self.v.verbs:
            return end - 2  # 某某·某某警告说: the last part runs into a frequent verb
        return end

    def is_word(self, w: str) -> bool:
        """``w`` is an ordinary word of the common lists (手中, 曾经)."""
        v = self.v
        return w in v.common_strong or w in v.common_weak or w in v.common_given or w in v.verbs

    def list_item(self, pos: int) -> tuple[int, bool] | None:
        """A name in a list at ``pos``: (end, bounded) where bounded means 、 follows it."""
        text = self.text
        j = self.run_end(pos, limit=10)
        if j < len(text) and text[j] == "、" and 2 <= j - pos <= 4 and self.surname_len(pos):
            return j, True
        if j < len(text) and text[j] == "、" and 3 <= j - pos <= 8 and text[pos:j] in self.known:
            return j, True
        end = self.han(pos)
        if end is None and text[pos:pos + 8]:
            # a transliterated name seen with a title, the longest first: one set lookup per length
            # (sorting every known name per call is quadratic on a huge page)
            for n in self.known_lengths():
                name = text[pos:pos + n]
                if len(name) == n and name in self.known and (pos + len(name) == len(text) or not is_name_char(
                        text[pos + len(name)]) or self.follow_at(pos + len(name))):
                    return pos + len(name), pos + len(name) < len(text) and text[pos + len(name)] == "、"
            return None
        if end is None:
            return None
        return end, end < len(text) and text[end] == "、"
