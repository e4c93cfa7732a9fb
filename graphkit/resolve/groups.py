"""Union-find over keys (``networkx.utils.UnionFind``) that remembers why and refuses some joins."""

from __future__ import annotations

from collections import defaultdict

from networkx.utils import UnionFind

from .model import KeyStats, type_of

__all__ = ["Groups"]


class Groups:
    """Keys joined into groups, each join with a reason.

    Guard: a group holding a person's full name never joins a group holding a multi-word
    name of something else (a chain of plausible steps must not make "J.D. Gordon" one
    node with "Justice Department"); the user's curation can (``force``).
    """

    def __init__(self, keys: dict[str, KeyStats]):
        self.uf = UnionFind(keys)
        self.reason: dict[str, str] = {k: "" for k in keys}
        self.person = {k: v.person for k, v in keys.items()}
        self.thing = {k: " " in k and not v.person and type_of(v) != "PERSON" for k, v in keys.items()}

    def find(self, key: str) -> str:
        return self.uf[key]

    def union(self, keep: str, join: str, reason: str, *, force: bool = False) -> bool:
        """Join ``join``'s group to ``keep``'s; False when the guard refuses."""
        a, b = self.uf[keep], self.uf[join]
        if a == b:
            return True
        if not force and self.conflict(a, b):
            return False
        self.uf.union(a, b)
        root = self.uf[a]
        self.person[root] = self.person[a] or self.person[b]
        self.thing[root] = self.thing[a] or self.thing[b]
        if not self.reason[join]:
            self.reason[join] = reason
        return True

    def joined(self, key: str) -> bool:
        """Whether ``key`` shares its group with another key."""
        return self.uf.weights[self.uf[key]] > 1

    def conflict(self, a: str, b: str) -> bool:
        a, b = self.uf[a], self.uf[b]
        return (self.person[a] and self.thing[b]) or (self.thing[a] and self.person[b])

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for k in self.reason:
            out[self.uf[k]].append(k)
        return out
