"""Sections that higher apps (pathways, partners, portfolio) add to the youth
profile, without youths importing them: each registers a template, which
loads its own data through its app's template tags (docs/ARCHITECTURE.md, "Seams between layers")."""

SECTIONS: list[str] = []


def register(template_name: str) -> None:
    if template_name not in SECTIONS:
        SECTIONS.append(template_name)
