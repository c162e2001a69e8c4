"""Cache backends of the embedded mode.

Django's FileBasedCache lists its whole directory on every write to see whether it holds more
than MAX_ENTRIES files. With thousands of cached pages each write then costs milliseconds (a
glob of every file), and writes are frequent: every save of a Spira model bumps a content
version. `FileCache` checks on about one write in CULL_EVERY, so MAX_ENTRIES is a soft bound
(exceeded by at most the writes between two checks) and a write costs the same whatever the size
of the cache.
"""

import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100


class FileCache(FileBasedCache):
    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()
