"""The Art. 15 export from the case file: a POST, because making it writes an audit row."""

from flask import send_file

from .. import audit
from ..clients.access import client_or_404, is_responsible
from ..extensions import db
from ..security import requires
from ..timeutil import local_today
from .blueprint import bp
from .subject_access import spooled_zip


@bp.route("/klienten/<int:client_id>/auskunft", methods=["POST"])
@requires("privacy.export")
def export(client_id: int):
    client = client_or_404(client_id)
    if not is_responsible(client):
        return "", 404
    archive, data = spooled_zip(client)
    audit.record("client.exported", "client", client.id, detail=f"tables: {len(data['records'])}")
    db.session.commit()
    # The case number, not the name, in the file name: it ends up in download folders and logs.
    name = f"auskunft-{client.case_number.replace('/', '-')}-{local_today().isoformat()}.zip"
    return send_file(archive, mimetype="application/zip", as_attachment=True, download_name=name)
