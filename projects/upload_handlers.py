"""Files over their size limit are refused while the request is read, so that the form can say so in German.

Django reads an upload to the end before a view sees it; without this, a 100 MB file would be written to a
temporary file first, and a server limit would answer with a bare 400 or 413 page. The request is still read
to the end: a browser that is answered before it has sent everything shows a connection error, not the page.
"""

from dataclasses import dataclass

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


@dataclass(frozen=True)
class RefusedUpload:
    file_name: str
    limit: int
    # The size of the whole request: for a form with one file, about the size of the file.
    request_size: int | None


class SizeLimitHandler(FileUploadHandler):
    """First in `request.upload_handlers`: passes the chunks of each file on to Django's handlers until the
    file grows beyond the limit of its field, then skips it (its remaining bytes are read and dropped, nothing
    is stored) and notes it in `request.refused_uploads` (field name → RefusedUpload). Fields without a limit
    take no files; a field takes one file.

    A part that is not taken (a second file of a field, a file of another field) passes no bytes on: Django's
    handlers make an empty file of it, which the form ignores. It must not raise SkipFile: Django would then
    close the file those handlers still hold, which is the file accepted before.
    """

    def __init__(self, request, *, limits: dict[str, int]):
        super().__init__(request)
        self.limits = limits
        # Not `content_length`: FileUploadHandler.new_file sets that to the part's own (usually unknown) length.
        self.request_size = None
        self.taken = set()
        request.refused_uploads = {}

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803 (Django's name)
        self.request_size = content_length

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        self.dropping = field_name not in self.limits or field_name in self.taken
        self.taken.add(field_name)

    def receive_data_chunk(self, raw_data, start):
        if self.dropping:
            return None  # the next handlers get nothing of it
        self.received += len(raw_data)
        limit = self.limits[self.field_name]
        if self.received > limit:
            self.request.refused_uploads[self.field_name] = RefusedUpload(self.file_name, limit, self.request_size)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        # The next handler (memory or temporary file) makes the uploaded file.
        return None
