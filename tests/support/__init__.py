"""What the test folders share: paths (`paths`), the fake clock (`clocks`), the app builder
and screen readers (`apps`, `screen`), the recording display (`display`), content built per
test (`content`), the speaker event log (`speech`), and waiting on the event loop (`waiting`).

Import from the submodules (`from tests.support.clocks import FakeClock`)."""
