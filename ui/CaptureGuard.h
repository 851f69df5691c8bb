#pragma once

class QWidget;

// Keeps a window that can show a secret value or a password out of screenshots, screen sharing
// and recordings, where the platform offers that:
// - Windows 10 2004 and later: SetWindowDisplayAffinity(WDA_EXCLUDEFROMCAPTURE), so the window
//   is left out of captures; older Windows: WDA_MONITOR (captured as black).
// - macOS: not implemented. NSWindow.sharingType = NSWindowSharingNone would need an
//   Objective-C++ file, and macOS 15's ScreenCaptureKit no longer honours it.
// - Elsewhere (X11, Wayland): no such facility; nothing happens.
// Either way the request is recorded on the window (isProtected()), so tests on any platform can
// check that every secret dialog asks for it.
class CaptureGuard final {
public:
    CaptureGuard() = delete;

    // Call in the window's constructor; it takes effect when the native window exists (now or
    // when it is created or re-created later).
    static void protect(QWidget* window);
    // Whether protect() was called for this window.
    [[nodiscard]] static bool isProtected(const QWidget* window);
};
