"""The release described as a schema.org Dataset (JSON-LD in the home page), from its datapackage.json,
so that dataset search engines can index a published copy. File URLs are relative to the home page,
as the site's links are: on a web host they resolve to the published files."""
from __future__ import annotations

import json

from ..release import file_entry

SCHEMA_ORG = "https://schema.org/"


def download(name: str, url: str, mediatype: str, description: str, entry: dict | None) -> dict:
    """A file as a DataDownload; `entry`: its bytes and hash as datapackage.json gives them."""
    out = {"@type": "DataDownload", "name": name, "description": description, "contentUrl": url,
           "encodingFormat": mediatype}
    if entry:
        out["contentSize"] = str(entry["bytes"])
        out["sha256"] = entry["hash"].split(":", 1)[1]
    return out


def dataset(descriptor: dict, descriptor_bytes: bytes, zip_name: str) -> dict:
    """`descriptor_bytes`: datapackage.json as written (it cannot hold its own hash); the zip is listed
    without size or hash, since it holds this page."""
    files = []
    for r in descriptor["resources"]:
        files.append(download(r["path"].rsplit("/", 1)[-1], f"../{r['path']}", r["mediatype"],
                              f"{r['title']} (CSV)", r))
        if "catraffick:parquet" in r:
            p = r["catraffick:parquet"]
            files.append(download(p["path"].rsplit("/", 1)[-1], f"../{p['path']}", p["mediatype"],
                                  f"{r['title']} (Parquet, typed)", p))
    sqlite = descriptor.get("catraffick:sqlite")
    if sqlite:
        files.append(download(sqlite["path"], f"../{sqlite['path']}", sqlite["mediatype"],
                              "Every table in one SQLite database", sqlite))
    files.append(download("datapackage.json", "../datapackage.json", "application/json",
                          "The Data Package descriptor: every column, and the size and SHA-256 of every file",
                          file_entry(descriptor_bytes)))
    files.append(download(zip_name, f"../{zip_name}", "application/zip",
                          "The whole release in one archive (this site included)", None))
    out = {"@context": SCHEMA_ORG, "@type": "Dataset", "name": descriptor["title"],
           "alternateName": descriptor["name"], "description": descriptor["description"],
           "version": descriptor["version"], "isAccessibleForFree": True,
           "license": [lic["path"] for lic in descriptor.get("licenses", []) if lic.get("path")]}
    creators = [c for c in descriptor.get("contributors", []) if "creator" in c.get("roles", [])]
    if creators:
        out["creator"] = [{"@type": "Organization", "name": c["title"], **({"url": c["path"]} if c.get("path") else {})}
                          for c in creators]
    if descriptor.get("sources"):
        out["isBasedOn"] = [s["path"] for s in descriptor["sources"] if s.get("path")]
    if descriptor.get("keywords"):
        out["keywords"] = list(descriptor["keywords"])
    out["distribution"] = files
    return out


def script(data: dict) -> str:
    """The JSON-LD as a script element; "</" is escaped so no text can close the element early."""
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False).replace("</", "<\\/")
    return f'\n<script type="application/ld+json">\n{text}\n</script>'
