"""A token trie over every written form of every phrase. Pure logic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kiosk.voice.moonshine.forms import with_endings, written_forms


@dataclass
class Node:
    children: dict[int, Node] = field(default_factory=dict)
    phrase: str = ""  # the phrase a form ends with here ("" when none does)


class PhraseTrie:
    def __init__(self, entries: Sequence[tuple[str, Sequence[int]]]) -> None:
        """`entries`: (phrase, token ids of one of its written forms)."""
        self.root = Node()
        for phrase, ids in entries:
            node = self.root
            for token in ids:
                child = node.children.get(token)
                if child is None:
                    child = node.children[token] = Node()
                node = child
            if not node.phrase:
                node.phrase = phrase

    def phrases(self) -> set[str]:
        found: set[str] = set()
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.phrase:
                found.add(node.phrase)
            stack.extend(node.children.values())
        return found

    def lookup(self, ids: Sequence[int]) -> str:
        """The phrase these exact tokens spell, or ""."""
        node: Node | None = self.root
        for token in ids:
            node = node.children.get(token) if node is not None else None
        return node.phrase if node is not None else ""


def phrase_trie(
    sentences: Sequence[str], encode_all: Callable[[list[str]], list[list[int]]]
) -> PhraseTrie:
    """The trie of every written form of every sentence, `encode_all` giving their tokens."""
    texts: list[str] = []
    owners: list[str] = []
    for sentence in sentences:
        for form in written_forms(sentence):
            for text in with_endings(form):
                texts.append(text)
                owners.append(sentence)
    return PhraseTrie(list(zip(owners, encode_all(texts), strict=True)))
