"""croissant.json: the release described in Croissant 1.1 (MLCommons), the format dataset catalogues and
ML tools read. Generated from the model, the release's datapackage.json and its files:

- one FileObject per file of the release, with its size and SHA-256 (but SHA256SUMS and the zip, written
  after it, and itself);
- one RecordSet per table, its fields typed, its primary key as `key`, each foreign key to another table
  as `references` (Croissant's references join record sets; a table's references to itself, such as a
  place's parent, are left to datapackage.json, and mlcroissant would see a cycle in them). A record set
  reads the table's Parquet file: mlcroissant parses a CSV file with pandas' guesses, which turn FIPS
  `06037` into `6037.0`;
- the Responsible AI fields (rai:) from what the package knows: its sources, the caveats its measures
  share, the counts it flags as small (raidata.py).

The specification requires a `url`, the dataset's web page: the package has none, so `url` is written
only when schemas/package.toml names a `homepage`, rather than invented.

The @context is the one of the Croissant 1.1 specification (its Appendix 1), with the keys the reference
implementation (mlcroissant 1.1) also expects (path, repeated, replace, samplingRate).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import aboutdata
from .model import Model, Table
from .raidata import rai_fields

CROISSANT_NAME = "croissant.json"
FILES = [(CROISSANT_NAME, "the release in Croissant 1.1 (for dataset catalogues and ML tools): every file with its "
                          "SHA-256, every table as a record set, and what the data must not be used for")]
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/", "annotation": "cr:annotation", "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs", "column": "cr:column", "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty", "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes", "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes",
    "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "readLines": "cr:readLines", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate",
    "sdVersion": "cr:sdVersion", "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform", "unArchive": "cr:unArchive", "value": "cr:value",
}
LATER = {CROISSANT_NAME, "SHA256SUMS"}  # written after this file (with the zip), so not described in it
DATA_TYPES = {"string": "sc:Text", "number": "sc:Float", "integer": "sc:Integer", "date": "sc:Date",
              "boolean": "sc:Boolean"}
# Parquet as `application/x-parquet`, not the registered `application/vnd.apache.parquet` that datapackage.json
# gives: mlcroissant 1.1 reads a file only by the encoding formats it knows, and knows Parquet only by that name.
MEDIA_TYPES = {".csv": "text/csv", ".parquet": "application/x-parquet", ".json": "application/json",
               ".sqlite": "application/vnd.sqlite3", ".md": "text/markdown", ".txt": "text/plain",
               ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _file_object(folder: Path, path: Path) -> dict:
    rel = path.relative_to(folder).as_posix()
    data = path.read_bytes()
    return {"@type": "cr:FileObject", "@id": rel, "name": rel, "contentUrl": rel,
            "encodingFormat": MEDIA_TYPES.get(path.suffix, "text/plain"), "contentSize": f"{len(data)} B",
            "sha256": hashlib.sha256(data).hexdigest()}


def _record_set(table: Table, parquet: str) -> dict:
    fields = []
    for f in table.release_columns:
        field = {"@type": "cr:Field", "@id": f"{table.name}/{f.name}", "name": f.name, "description": f.description,
                 "dataType": DATA_TYPES[f.type],
                 "source": {"fileObject": {"@id": parquet}, "extract": {"column": f.name}}}
        if f.references and f.references[0] != table.name:  # Croissant references a field of *another* record set
            field["references"] = {"field": {"@id": f"{f.references[0]}/{f.references[1]}"}}
        fields.append(field)
    key = [{"@id": f"{table.name}/{c}"} for c in table.primary_key]
    return {"@type": "cr:RecordSet", "@id": table.name, "name": table.name,
            "description": f"{table.title}. {table.description}", "key": key[0] if len(key) == 1 else key,
            "field": fields}


def croissant(folder: Path, descriptor: dict, model: Model, tables) -> dict:
    """`tables`: the release's (table, frame) pairs; every file already in `folder` is described."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and p.name not in LATER and p.suffix != ".zip")
    parquet = {r["name"]: r["catraffick:parquet"]["path"] for r in descriptor["resources"]}
    based_on = [s["path"] for s in model.package.get("sources", ()) if s.get("path")]
    return {
        "@context": CONTEXT, "@type": "sc:Dataset", "conformsTo": CONFORMS_TO,
        "name": aboutdata.title(model), "alternateName": model.package["name"],
        "description": model.package.get("description", ""), "version": model.version,
        "datePublished": model.package["released"], "inLanguage": "en",
        "license": [lic["path"] for lic in model.package.get("licenses", ())],
        "creator": {"@type": "sc:Organization", "name": aboutdata.AUTHORS},
        "citeAs": aboutdata.citation(model), "isBasedOn": based_on,
        **({"url": model.package["homepage"]} if model.package.get("homepage") else {}),
        **rai_fields(model, tables),
        "distribution": [_file_object(folder, p) for p in files],
        "recordSet": [_record_set(t, parquet[t.name]) for t, _ in tables],
    }


def write_croissant(folder: Path, descriptor: dict, model: Model, tables) -> None:
    text = json.dumps(croissant(folder, descriptor, model, tables), indent=2, ensure_ascii=False) + "\n"
    (folder / CROISSANT_NAME).write_text(text, encoding="utf-8")
