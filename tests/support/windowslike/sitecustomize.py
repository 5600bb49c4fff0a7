"""Makes Linux look like Windows to callboard, for a test that runs it in a subprocess with this
folder on PYTHONPATH: `import fcntl` fails (Windows has no fcntl) and multiprocessing offers no
`fork` start method. Everything else is the real platform."""

import multiprocessing
import sys
import warnings


class _NoFcntl:
    """A finder that refuses `fcntl` (and `termios`), as Windows' Python does."""

    def find_spec(self, name, path=None, target=None):
        if name in ("fcntl", "termios"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _NoFcntl())
sys.modules.pop("fcntl", None)
_all_start_methods = multiprocessing.get_all_start_methods


def _without_fork() -> list[str]:
    return [method for method in _all_start_methods() if method != "fork"]


multiprocessing.get_all_start_methods = _without_fork

# Without fcntl, filelock falls back to a lock file that exists while held (Windows' Python has
# msvcrt instead, which filelock uses there): the same one-build-at-a-time, only its warning differs.
warnings.filterwarnings("ignore", "only soft file lock is available")
