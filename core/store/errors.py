"""Errors of the store, with Dutch messages a user can act on."""


class StoreError(Exception):
    """Something the store could not do; the message says what and what to do."""


class NewerSchemaError(StoreError):
    """The file was written by a newer examenbureau: refusing it protects the data in it."""


class StoreBusyError(StoreError):
    """Another process held the file longer than we were willing to wait."""


class ConflictError(StoreError):
    """Someone else changed the row since it was read: never overwrite silently."""
