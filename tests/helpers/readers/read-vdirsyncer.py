"""vdirsyncer's own parser (Debian vdirsyncer): how it splits a collection into cards and a card
into lines (str.splitlines, which also breaks at U+2028/U+2029). It does not decode values, so
each property's raw value is printed; the test undoes the escapes the standard way."""
import json
import sys

from vdirsyncer.vobject import Item, split_collection

out = []
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    for item_text in split_collection(handle.read()):
        item = Item(item_text)
        props = {}
        # vdirsyncer keeps physical lines: a folded value's continuation is a "line" of its own.
        lines = []
        for line in item.parsed.props:
            if line[:1] in (" ", "\t") and lines:
                lines[-1] += line[1:]
            else:
                lines.append(line)
        for line in lines:
            name_part, _, value = line.partition(":")
            name = name_part.split(";")[0].upper()
            props.setdefault(name, []).append(value)
        out.append(props)
print(json.dumps(out, ensure_ascii=False))
