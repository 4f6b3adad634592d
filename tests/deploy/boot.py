"""Boot the deployed kiosk for real and look at its screen.

The chain is `deploy/kiosk.service`'s: Debian's Cage (a Wayland kiosk compositor) running foot
(the terminal, with `deploy/foot.ini`) running the kiosk, as an unprivileged user (Cage refuses
root), on a virtual screen; grim then takes a picture of exactly what that screen shows.

Two virtual screens, both real wlroots backends of Debian's Cage 0.1.4 (wlroots 0.15):

- `headless` (`WLR_BACKENDS=headless`): no display server at all. wlroots 0.15 makes its
  headless outputs 1280x720 and Cage 0.1.4 offers no way to change that (no output-management
  protocol, so `wlr-randr` cannot; `WLR_HEADLESS_OUTPUTS` sets only how many).
- `x11` (`WLR_BACKENDS=x11` on Xvfb): any size (the output follows its X window, resized with
  xdotool), and a keyboard: xdotool's key presses reach the kiosk through Cage and foot, as a
  USB keypad's do.

Used by tests/deploy/test_boot.py; run as a program it measures and takes pictures:

    .venv/bin/python -m tests.deploy.boot --resolution 1920x1080 --font-size 20 24 28
    .venv/bin/python -m tests.deploy.boot --resolution 1920x1080 --scale 0.5 \\
        png:docs/images/kiosk-1920x1080-welcome.png key:KP_Enter \\
        png:docs/images/kiosk-1920x1080-getting-started.png

(Steps go before --font-size, or after "--": that option takes any number of sizes.)
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pwd
import re
import shlex
import shutil
import signal
import struct
import subprocess
import tempfile
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import REPO

DEPLOY = REPO / "deploy"
FOOT_INI = DEPLOY / "foot.ini"
SERVICE = DEPLOY / "kiosk.service"
KIOSK_TOML = DEPLOY / "kiosk.toml"
USER = "kiosk-boot-test"
HEADLESS_SIZE = (1280, 720)  # wlroots 0.15's headless output, fixed
PATH = "/usr/local/bin:/usr/bin:/bin"

# Debian package -> a file of it the boot needs (`scripts/setup --dev` installs them).
NEEDED = {
    "cage": "/usr/bin/cage",
    "foot": "/usr/bin/foot",
    "xwayland": "/usr/bin/Xwayland",  # Debian's Cage will not start without it
    "grim": "/usr/bin/grim",
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "xvfb": "/usr/bin/Xvfb",
    "xdotool": "/usr/bin/xdotool",
    "python3": "/usr/bin/python3",
}


def missing_packages() -> list[str]:
    return [package for package, path in NEEDED.items() if not Path(path).exists()]


# ---------------------------------------------------------------- the one font setting


FONT_LINE = re.compile(r"^font=(?P<value>.*)$", re.MULTILINE)
SIZE = re.compile(r":size=(?P<size>\d+(?:\.\d+)?)")


def font_setting(text: str) -> tuple[str, float]:
    """The `font=` line of a foot.ini and its `size=`: there must be exactly one of each."""
    lines = FONT_LINE.findall(text)
    if len(lines) != 1:
        raise ValueError(f"expected one font= line, found {len(lines)}")
    sizes = SIZE.findall(lines[0])
    if len(sizes) != 1:
        raise ValueError(f"expected one :size= in {lines[0]!r}")
    return lines[0], float(sizes[0])


def with_font_size(text: str, size: float) -> str:
    """The same foot.ini with another font size (the way a site changes it)."""
    font_setting(text)
    shown = f"{size:g}"
    return FONT_LINE.sub(lambda line: SIZE.sub(f":size={shown}", line.group(0)), text)


# deploy/README.md's measured cells: | 1920x1080 | `size=28` (the default) | 86x24 | 22x44 |
CELLS_ROW = re.compile(
    r"^\|\s*(?P<width>\d+)x(?P<height>\d+)\s*\|\s*`size=(?P<size>\d+)`[^|]*\|"
    r"\s*(?P<cells>\d+x\d+)\s*\|",
    re.MULTILINE,
)


def documented_cells() -> list[tuple[tuple[int, int], int, str]]:
    """(screen, size, "COLSxROWS") for each row of deploy/README.md's table."""
    return [
        ((int(row["width"]), int(row["height"])), int(row["size"]), row["cells"])
        for row in CELLS_ROW.finditer((DEPLOY / "README.md").read_text())
    ]


def foot_padding(text: str) -> tuple[int, int]:
    found = re.search(r"^pad=(\d+)x(\d+)", text, re.MULTILINE)
    return (int(found.group(1)), int(found.group(2))) if found else (2, 2)  # foot's default


# ---------------------------------------------------------------- the deployed chain


@dataclass(frozen=True)
class Chain:
    cage: list[str]  # program and options, before the first "--"
    foot: list[str]  # program and options, between the two "--"


def service_chain(service: Path = SERVICE) -> Chain:
    """Cage's and foot's command lines as kiosk.service starts them."""
    for line in service.read_text().splitlines():
        if line.startswith("ExecStart="):
            argv = shlex.split(line.removeprefix("ExecStart="))
            break
    else:
        raise ValueError(f"no ExecStart= in {service}")
    first = argv.index("--")
    second = argv.index("--", first + 1)
    chain = Chain(cage=argv[:first], foot=argv[first + 1 : second])
    if Path(chain.cage[0]).name != "cage" or Path(chain.foot[0]).name != "foot":
        raise ValueError(f"ExecStart is not cage -- foot -- ...: {argv}")
    return chain


def foot_options(chain: Chain, foot_ini: Path) -> list[str]:
    """foot's options from the unit, with our foot.ini in place of /etc/kiosk/foot.ini."""
    options: list[str] = []
    skip_next = False
    for option in chain.foot[1:]:
        if skip_next:
            skip_next = False
        elif option in ("-c", "--config"):
            skip_next = True
        elif not option.startswith(("--config=", "-c")):
            options.append(option)
    return [f"--config={foot_ini}", *options]


# ---------------------------------------------------------------- what the screen shows


@dataclass(frozen=True)
class Screen:
    """An RGB picture of the whole output, as grim took it."""

    width: int
    height: int
    rgb: bytes

    @classmethod
    def from_ppm(cls, data: bytes) -> Screen:
        # P6 <width> <height> <maxval> then the pixels; grim writes no comments.
        fields = data.split(maxsplit=4)
        if fields[0] != b"P6" or fields[3] != b"255":
            raise ValueError("not an 8-bit binary PPM")
        width, height = int(fields[1]), int(fields[2])
        rgb = fields[4][: width * height * 3]
        if len(rgb) != width * height * 3:
            raise ValueError("truncated PPM")
        return cls(width, height, rgb)

    def pixel(self, x: int, y: int) -> bytes:
        start = (y * self.width + x) * 3
        return self.rgb[start : start + 3]

    def line(self, y: int, x0: int, x1: int) -> bytes:
        start = y * self.width * 3
        return self.rgb[start + x0 * 3 : start + x1 * 3]


@dataclass(frozen=True)
class WinSize:
    """The terminal's size as the kiosk sees it (TIOCGWINSZ on its terminal)."""

    rows: int
    cols: int
    xpixel: int
    ypixel: int

    @property
    def cells(self) -> str:
        return f"{self.cols}x{self.rows}"


@dataclass(frozen=True)
class Grid:
    """Where foot draws the terminal's cells on the screen."""

    left: int
    top: int
    cols: int
    rows: int
    cell_width: int
    cell_height: int

    @property
    def right(self) -> int:
        return self.left + self.cols * self.cell_width

    @property
    def bottom(self) -> int:
        return self.top + self.rows * self.cell_height


def grid_of(win: WinSize, pad: tuple[int, int]) -> Grid:
    if not (win.cols and win.rows and win.xpixel and win.ypixel):
        raise ValueError(f"foot reported no pixel size: {win}")
    # foot anchors the grid at the top left, inside the padding (foot.ini(5), "pad").
    return Grid(pad[0], pad[1], win.cols, win.rows, win.xpixel // win.cols, win.ypixel // win.rows)


def ink_rows(screen: Screen, grid: Grid, ignore_right_cols: int = 2) -> list[bool]:
    """For each terminal row: does anything but a flat colour show in it (text, a marker)?

    The rightmost columns are left out: a scroll bar there is not text.
    """
    x1 = grid.right - ignore_right_cols * grid.cell_width
    rows = []
    for row in range(grid.rows):
        y0 = grid.top + row * grid.cell_height
        inked = False
        for y in range(y0, y0 + grid.cell_height):
            line = screen.line(y, grid.left, x1)
            if line != line[:3] * (len(line) // 3):
                inked = True
                break
        rows.append(inked)
    return rows


def unpainted_share(screen: Screen, grid: Grid, outside: bytes) -> float:
    """Share of the grid still showing foot's own background (`outside`, the padding's colour):
    0 when the kiosk has drawn every cell, 1 for an empty terminal."""
    total = unpainted = 0
    for row in range(grid.rows):
        for y in (
            grid.top + row * grid.cell_height + 1,
            grid.top + (2 * row + 1) * grid.cell_height // 2,
        ):
            line = screen.line(y, grid.left, grid.right)
            for start in range(0, len(line), 3 * 4):  # every 4th pixel is plenty
                total += 1
                unpainted += line[start : start + 3] == outside
    return unpainted / total


# ---------------------------------------------------------------- an unprivileged user


def as_user(user: str, argv: list[str]) -> list[str]:
    """argv run as `user` (Cage refuses root); unchanged when the tests are not root."""
    return ["runuser", "-u", user, "--", *argv] if os.geteuid() == 0 else argv


def ensure_user(name: str = USER) -> str:
    """The unprivileged user the chain runs as, created once: a system user with no home, no
    password and no shell. When the tests do not run as root, the current user."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name
    try:
        pwd.getpwnam(name)
    except KeyError:
        created = subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                "--comment",
                "kiosk boot test (tests/deploy)",
                name,
            ],
            capture_output=True,
            text=True,
        )
        with contextlib.suppress(KeyError):  # another run may have created it meanwhile
            pwd.getpwnam(name)
            return name
        raise RuntimeError(f"useradd {name} failed: {created.stderr}") from None
    return name


def owned_dir(path: Path, user: str, mode: int = 0o700) -> Path:
    path.mkdir(mode=mode)
    os.chmod(path, mode)
    if os.geteuid() == 0:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return path


def user_can_run(user: str, python: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        as_user(
            user,
            [
                "env",
                "-i",
                f"PATH={PATH}",
                "PYTHONDONTWRITEBYTECODE=1",
                str(python),
                "-c",
                "import kiosk.ui.app, textual",
            ],
        ),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def kiosk_python(user: str, work: Path) -> Path:
    """A Python the unprivileged user can run, with the kiosk and its packages importable.

    The repository's .venv when that user can run it (as on a machine installed by
    deploy/install.sh). Otherwise (its interpreter lives where that user cannot read, as the
    build machine's under /root) a virtual environment of Debian's /usr/bin/python3 whose
    site-packages points at the repository and at the .venv's packages: same code, same
    package versions, nothing downloaded.
    """
    venv_python = REPO / ".venv" / "bin" / "python"
    if user_can_run(user, venv_python).returncode == 0:
        return venv_python
    packages = subprocess.run(
        [str(venv_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    bridge = work / "python"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", str(bridge)], check=True)
    own = subprocess.run(
        [
            str(bridge / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(own, "kiosk-repository.pth").write_text(
        f"{REPO}\nimport site; site.addsitedir({packages!r})\n"
    )
    for folder, _, files in os.walk(bridge):
        os.chmod(folder, 0o755)
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                os.chmod(path, path.stat().st_mode | 0o444)
    python = bridge / "bin" / "python"
    check = user_can_run(user, python)
    if check.returncode != 0:
        raise RuntimeError(
            f"user {user} cannot run the kiosk with {python} (is {REPO} readable by others?):\n"
            f"{check.stderr}"
        )
    return python


# ---------------------------------------------------------------- booting


class BootError(AssertionError):
    pass


@dataclass
class Sandbox:
    """One temporary folder, one user and one Python for any number of boots."""

    root: Path
    user: str
    python: Path

    @classmethod
    @contextlib.contextmanager
    def create(cls) -> Iterator[Sandbox]:
        user = ensure_user()
        root = Path(tempfile.mkdtemp(prefix="kiosk-boot-"))
        try:
            os.chmod(root, 0o755)
            yield cls(root, user, kiosk_python(user, root))
        finally:
            shutil.rmtree(root, ignore_errors=True)
            remove_stale_x_locks(user)

    def boot(
        self,
        resolution: tuple[int, int] = HEADLESS_SIZE,
        font_size: float | None = None,
        backend: str | None = None,
    ) -> contextlib.AbstractContextManager[Booted]:
        """Start the chain on a `resolution` screen (headless at 1280x720, else x11), with
        deploy/foot.ini or a copy of it with another font size."""
        if backend is None:
            backend = "headless" if resolution == HEADLESS_SIZE else "x11"
        if backend == "headless" and resolution != HEADLESS_SIZE:
            raise ValueError(f"the headless backend is {HEADLESS_SIZE} only")
        return self._boot(resolution, font_size, backend)

    @contextlib.contextmanager
    def _boot(
        self, resolution: tuple[int, int], font_size: float | None, backend: str
    ) -> Iterator[Booted]:
        here = Path(tempfile.mkdtemp(prefix="boot-", dir=self.root))
        os.chmod(here, 0o755)
        run = owned_dir(here / "run", self.user)  # XDG_RUNTIME_DIR: Wayland socket, pid file
        home = owned_dir(here / "home", self.user)
        state = owned_dir(here / "state", self.user, 0o750)
        foot_text = FOOT_INI.read_text()
        if font_size is not None:
            foot_text = with_font_size(foot_text, font_size)
        foot_ini = here / "foot.ini"
        foot_ini.write_text(foot_text)
        # deploy/kiosk.toml with this checkout and this boot's state folder for /opt, /var/lib.
        config = here / "kiosk.toml"
        config.write_text(
            KIOSK_TOML.read_text()
            .replace("/opt/kiosk", str(REPO))
            .replace("/var/lib/kiosk", str(state))
        )
        for path in (foot_ini, config):
            os.chmod(path, 0o644)
        env = [
            f"PATH={PATH}",
            "LANG=C.UTF-8",
            f"HOME={home}",
            f"XDG_RUNTIME_DIR={run}",
            "PYTHONDONTWRITEBYTECODE=1",
            "WLR_RENDERER=pixman",
            "WLR_LIBINPUT_NO_DEVICES=1",
        ]
        display = None
        with contextlib.ExitStack() as stack:
            if backend == "x11":
                display = stack.enter_context(xvfb(self.user, resolution, here / "xvfb.log"))
                env += ["WLR_BACKENDS=x11", f"DISPLAY={display}"]
            else:
                env += ["WLR_BACKENDS=headless"]
            chain = service_chain()
            pid_file = run / "kiosk.pid"
            kiosk = (
                f"echo $$ > {shlex.quote(str(pid_file))}; exec {shlex.quote(str(self.python))}"
                f" -m kiosk run --config {shlex.quote(str(config))} --no-speech --no-voice"
            )
            # Cage exactly as the unit starts it, plus a half turn ("-r -r", same size).
            # Without it grim gets Cage's first frame forever (foot's first, 700x500 window):
            # most likely Cage 0.1.4 hands a full-screen client's buffer straight to the
            # output (direct scan-out), which wlroots 0.15's screencopy does not see. Turned,
            # no scan-out: every frame is composed, and grim turns the picture back upright.
            argv = [
                "env",
                "-i",
                *env,
                *chain.cage,
                "-r",
                "-r",
                "--",
                chain.foot[0],
                *foot_options(chain, foot_ini),
                "--",
                "/bin/sh",
                "-c",
                kiosk,
            ]
            log_path = here / "cage.log"
            with open(log_path, "wb") as log:
                process = subprocess.Popen(
                    as_user(self.user, argv),
                    cwd=REPO,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            booted = Booted(
                self.user,
                run,
                state,
                log_path,
                process,
                pid_file,
                resolution,
                foot_padding(foot_text),
                display,
            )
            try:
                booted.wait_for_output()
                yield booted
            finally:
                booted.stop()


@contextlib.contextmanager
def xvfb(user: str, resolution: tuple[int, int], log_path: Path) -> Iterator[str]:
    """An X server with one `resolution` screen, as `user`; yields its DISPLAY."""
    sockets = Path("/tmp/.X11-unix")
    if os.geteuid() == 0 and not sockets.exists():
        sockets.mkdir()  # as root: else the user's Xvfb or Xwayland would own it
        os.chmod(sockets, 0o1777)
    number = next(
        n
        for n in range(90, 200)
        if not Path(f"/tmp/.X{n}-lock").exists() and not (sockets / f"X{n}").exists()
    )
    width, height = resolution
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            as_user(
                user,
                [
                    "env",
                    "-i",
                    f"PATH={PATH}",
                    "Xvfb",
                    f":{number}",
                    "-screen",
                    "0",
                    f"{width}x{height}x24",
                    "-nolisten",
                    "tcp",
                ],
            ),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 10
        while not (sockets / f"X{number}").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise BootError(f"Xvfb did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        end_group(process)


def end_group(process: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """Stop a process started here in its own session, and everything in that session."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)


def remove_stale_x_locks(user: str) -> None:
    """X display locks and sockets the user's Xwayland or Xvfb left behind when killed."""
    uid = pwd.getpwnam(user).pw_uid
    for lock in Path("/tmp").glob(".X*-lock"):
        with contextlib.suppress(OSError, ValueError):
            if lock.stat().st_uid != uid:
                continue
            pid = int(lock.read_text().strip())
            if Path(f"/proc/{pid}").exists():
                continue
            number = lock.name[2:-5]
            lock.unlink()
            Path(f"/tmp/.X11-unix/X{number}").unlink(missing_ok=True)


@dataclass
class Booted:
    """The running chain."""

    user: str
    run: Path
    state: Path
    log_path: Path
    process: subprocess.Popen[bytes]
    pid_file: Path
    resolution: tuple[int, int]
    pad: tuple[int, int]
    display: str | None
    window: str = ""  # x11: Cage's output window

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _as_user(self, argv: list[str], timeout: float = 15) -> bytes:
        env = [f"PATH={PATH}", f"XDG_RUNTIME_DIR={self.run}", "WAYLAND_DISPLAY=wayland-0"]
        if self.display:
            env.append(f"DISPLAY={self.display}")
        done = subprocess.run(
            as_user(self.user, ["env", "-i", *env, *argv]), capture_output=True, timeout=timeout
        )
        if done.returncode != 0:
            raise BootError(f"{argv[0]} failed: {done.stderr.decode(errors='replace')}")
        return done.stdout

    def _alive(self) -> None:
        if self.process.poll() is not None:
            raise BootError(f"Cage exited ({self.process.returncode}):\n{self.log()}")

    def wait_for_output(self, timeout: float = 20) -> None:
        """Until Cage's output has the wanted size (for x11, after resizing its window)."""
        deadline = time.monotonic() + timeout
        while not (self.run / "wayland-0").exists():
            self._alive()
            if time.monotonic() > deadline:
                raise BootError(f"Cage opened no Wayland socket:\n{self.log()}")
            time.sleep(0.05)
        resized = self.display is None
        while True:
            self._alive()
            if not resized:
                resized = self._resize_window()
            if resized:
                with contextlib.suppress(BootError):
                    shot = self.screenshot()
                    if (shot.width, shot.height) == self.resolution:
                        return
            if time.monotonic() > deadline:
                raise BootError(f"the output never became {self.resolution}:\n{self.log()}")
            time.sleep(0.1)

    def _resize_window(self) -> bool:
        """Cage's x11 output is a 1024x768 window: make it the whole X screen."""
        width, height = self.resolution

        def windows(depth: str) -> list[str]:
            found = self._as_user(["xdotool", "search", "--maxdepth", depth, "--name", ""])
            return found.decode().split()

        root = windows("0")
        for window in windows("1"):
            if window not in root:  # Cage's window, the only one on this X server
                self._as_user(["xdotool", "windowsize", window, str(width), str(height)])
                self.window = window
                return True
        return False

    def screenshot(self) -> Screen:
        return Screen.from_ppm(self._as_user(["grim", "-t", "ppm", "-"]))

    def png(self, scale: float = 1) -> bytes:
        return self._as_user(["grim", "-l", "9", "-s", f"{scale:g}", "-"])

    def kiosk_pid(self) -> int:
        text = self.pid_file.read_text().strip() if self.pid_file.exists() else ""
        if not text:
            raise BootError("the kiosk has not started")
        return int(text)

    def winsize(self) -> WinSize:
        """The size of the kiosk's terminal, read from the terminal itself."""
        fd = os.open(f"/proc/{self.kiosk_pid()}/fd/0", os.O_RDONLY | os.O_NOCTTY)
        try:
            packed = fcntl.ioctl(fd, termios.TIOCGWINSZ, bytes(8))
        finally:
            os.close(fd)
        return WinSize(*struct.unpack("HHHH", packed))

    def grid(self) -> Grid:
        return grid_of(self.winsize(), self.pad)

    def settle(self, timeout: float = 30, steady: float = 1.0) -> Screen:
        """The screen once the kiosk has drawn all of it and nothing changed for `steady` s."""
        deadline = time.monotonic() + timeout
        last: tuple[Screen, WinSize] | None = None
        since = time.monotonic()
        while time.monotonic() < deadline:
            self._alive()
            try:
                shot, win = self.screenshot(), self.winsize()
                grid = grid_of(win, self.pad)
                drawn = unpainted_share(shot, grid, shot.pixel(0, 0)) < 0.5
            except (BootError, OSError, ValueError):
                drawn = False
            if not drawn:
                last = None
            elif last is None or last != (shot, win):
                last, since = (shot, win), time.monotonic()
            elif time.monotonic() - since >= steady:
                return shot
            time.sleep(0.2)
        raise BootError(f"the kiosk never drew a steady screen in {timeout} s:\n{self.log()}")

    def press(self, key: str) -> None:
        """A key press on the keyboard (x11 only: the headless backend has no keyboard)."""
        if not self.display:
            raise BootError("the headless backend has no keyboard")
        self._as_user(["xdotool", "windowfocus", self.window])
        self._as_user(["xdotool", "key", key])

    def stop(self) -> None:
        """End the kiosk: foot closes with it and Cage with foot (cleaning up its Xwayland's
        display lock); anything left is ended by its session."""
        with contextlib.suppress(BootError, OSError, ValueError):
            os.kill(self.kiosk_pid(), signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        end_group(self.process)


# ---------------------------------------------------------------- measuring by hand


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resolution", default="1280x720", help="WIDTHxHEIGHT")
    parser.add_argument(
        "--font-size",
        type=float,
        nargs="*",
        default=[],
        help="foot font sizes to boot with (default: deploy/foot.ini's)",
    )
    parser.add_argument("--scale", type=float, default=1, help="of the saved pictures")
    parser.add_argument("steps", nargs="*", help="png:PATH (save the screen), key:KEY (press)")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.resolution.split("x"))
    sizes: list[float | None] = list(args.font_size) or [None]
    with Sandbox.create() as sandbox:
        for size in sizes:
            with sandbox.boot((width, height), size) as booted:
                booted.settle()
                grid = booted.grid()
                shown = size if size is not None else font_setting(FOOT_INI.read_text())[1]
                print(
                    f"{width}x{height} size={shown:g}: {grid.cols}x{grid.rows} cells "
                    f"({grid.cell_width}x{grid.cell_height}-pixel cells)",
                    flush=True,
                )
                for step in args.steps:
                    kind, _, value = step.partition(":")
                    if kind == "key":
                        booted.press(value)
                        booted.settle()
                    elif kind == "png":
                        Path(value).write_bytes(booted.png(args.scale))
                        print(f"  saved {value}", flush=True)
                    else:
                        parser.error(f"unknown step {step!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
