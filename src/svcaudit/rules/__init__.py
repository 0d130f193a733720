"""Rule kinds: one module each, with ``KIND``, a frozen ``Params`` and ``check``.

``check(element, ctx) -> Outcome`` decides one element on one transcript.
``checklist.py`` builds each element's ``Params`` from YAML, validating keys
and types against ``dataclasses.fields(Params)``, so no kind parses YAML.
"""

from __future__ import annotations

from types import ModuleType

from svcaudit.rules import conditional, cues, forbidden, metric, recovery, refusal, sequence

KINDS: dict[str, ModuleType] = {
    m.KIND: m for m in (cues, conditional, sequence, refusal, recovery, forbidden, metric)
}
