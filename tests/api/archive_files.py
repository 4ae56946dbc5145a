"""Reading and rewriting workspace archives in tests: a changed file with
its checksum put right, as someone editing an archive by hand would."""

import hashlib
import io
import json
import zipfile


def members(data):
    """Every file of the archive (bytes or a path), by name."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def without_timestamps(data):
    """The archive's files, with the manifest's time of writing taken out."""
    files = members(data)
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest.pop("created_at")
    return files, manifest


def table(data, name):
    return json.loads(members(data)[f"tables/{name}.json"])


def rewritten(data, changes, *, manifest_changes=None, fix_checksums=True):
    """The archive with files replaced ({name: bytes or None to remove}),
    their checksums in the manifest put right unless told not to."""
    files = members(data)
    manifest = json.loads(files.pop("manifest.json"))
    for name, content in changes.items():
        if content is None:
            files.pop(name, None)
            manifest["files"].pop(name, None)
        else:
            files[name] = content
            if fix_checksums:
                manifest["files"][name] = hashlib.sha256(content).hexdigest()
    manifest.update(manifest_changes or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr("manifest.json", json.dumps(manifest))
    return out.getvalue()


def json_table(rows):
    return ("[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n").encode()
