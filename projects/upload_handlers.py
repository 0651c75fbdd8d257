"""Files over their size limit are refused while the request is read, so that the form can say so in German.

Django reads an upload to the end before a view sees it; without this, a 100 MB file would be written to a
temporary file first, and a server limit would answer with a bare 400 or 413 page. The request is still read
to the end: a browser that is answered before it has sent everything shows a connection error, not the page.
"""

from dataclasses import dataclass

from django.core.files.uploadhandler import FileUploadHandler


@dataclass
class RefusedUpload:
    file_name: str
    limit: int
    # The bytes of the file itself (counted to its end, though not kept).
    size: int


class SizeLimitHandler(FileUploadHandler):
    """First in `request.upload_handlers`: passes the chunks of each file on to Django's handlers until the
    file grows beyond the limit of its field; the rest of it is read, counted and dropped, and the file is
    noted in `request.refused_uploads` (field name → RefusedUpload), which the form reports instead of the
    cut-off file Django's handlers make of what came before. Fields without a limit take no files; a field
    takes one file.

    A part that is not taken (a second file of a field, a file of another field) passes no bytes on: Django's
    handlers make an empty file of it, which the form ignores. Nothing here raises SkipFile: Django would then
    close the file its handlers hold, which may be the file accepted before (a second part of the same field).
    """

    def __init__(self, request, *, limits: dict[str, int]):
        super().__init__(request)
        self.limits = limits
        self.taken = set()
        self.refused = None
        request.refused_uploads = {}

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        self.refused = None
        self.dropping = field_name not in self.limits or field_name in self.taken
        self.taken.add(field_name)

    def receive_data_chunk(self, raw_data, start):
        if self.refused is not None:
            self.refused.size += len(raw_data)
            return None
        if self.dropping:
            return None  # the next handlers get nothing of it
        self.received += len(raw_data)
        limit = self.limits[self.field_name]
        if self.received > limit:
            self.refused = RefusedUpload(self.file_name, limit, self.received)
            self.request.refused_uploads[self.field_name] = self.refused
            return None
        return raw_data

    def file_complete(self, file_size):
        # The next handler (memory or temporary file) makes the uploaded file.
        return None
