"""Templates without their indentation: a page's bytes are its reader's, not the template's.

Material's and our templates are indented for their authors; every generated page repeated
that indentation and the blank line each `{% if %}` or `{% set %}` left behind (a fifth of a
day page's markup was whitespace). This drops, in the template source as it is loaded, each
line's leading blanks, and the line end of a line holding only template tags. The rendered
values (a day's HTML, with its `<pre>` blocks) are not touched, nor is any line end between
two lines of text, so no two words come together. Jinja's own trim_blocks would also drop the
line end after a tag that ends a line of text ("2024{% endif %}" + "Next" → "2024Next").
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

# A line of tags that write nothing themselves ("{% if x %}", "{%- endfor %}{# … #}").
_QUIET_TAGS = "if|elif|else|endif|for|endfor|set|endset|import|from|macro|endmacro|block|endblock|extends|with|endwith"
_QUIET = rf"\{{%-?\s*(?:{_QUIET_TAGS})\b(?:(?!%\}}).)*%\}}"
_TAGS_ONLY = re.compile(rf"^(?:{_QUIET}|\{{#(?:(?!#\}}).)*#\}})+$")
_STRIPS_BEFORE = ("{%-", "{{-", "{#-")
_STRIPS_AFTER = ("-%}", "-}}", "-#}")


def compact_template(source: str) -> str:
    out = []
    ended = False  # the text so far ends with a line end that no `-` strips
    *lines, last = source.split("\n")
    for line in lines:
        line = line.lstrip(" \t")
        if line.startswith(_STRIPS_BEFORE):
            ended = False
        if ended and _TAGS_ONLY.match(line.rstrip()):
            out.append(line)  # its line end goes; the one before it stands
        else:
            out.append(line + "\n")
            ended = not line.rstrip().endswith(_STRIPS_AFTER)
    out.append(last.lstrip(" \t"))
    return "".join(out)


class CompactTemplates(Extension):
    """Add to a Jinja environment before its templates load (MkDocs' on_env)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return compact_template(source)
