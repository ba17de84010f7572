"""python3-vobject (Debian) reads a .vcf; prints what it holds as JSON, one object per card.
The reader behind Radicale: what it keeps is what a Radicale server stores."""
import json
import sys

import vobject


def values(card, name):
    return [item.value for item in card.contents.get(name, [])]


def text(value):
    if isinstance(value, list):
        return ",".join(str(part) for part in value)
    return str(value)


out = []
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    for card in vobject.readComponents(handle.read()):
        orgs = values(card, "org")
        out.append(
            {
                "name": text(values(card, "fn")[0]) if values(card, "fn") else None,
                "numbers": [text(value) for value in values(card, "tel")],
                "emails": [text(value) for value in values(card, "email")],
                "company": (orgs[0][0] if isinstance(orgs[0], list) else text(orgs[0])) if orgs else None,
                "title": text(values(card, "title")[0]) if values(card, "title") else None,
                "notes": [text(value) for value in values(card, "note")],
                "urls": [text(value) for value in values(card, "url")],
            }
        )
print(json.dumps(out, ensure_ascii=False))
