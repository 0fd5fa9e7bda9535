"""The storage of private files (settings.STORAGES["private"], outside MEDIA_ROOT), given to
model fields as a callable so that migrations name the function, not the machine's path."""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
