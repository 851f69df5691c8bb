#include "CaptureGuard.h"

#include <QVariant>
#include <QWidget>

#ifdef Q_OS_WIN
#include <QEvent>
#include <QObject>
#include <QOperatingSystemVersion>

#include <windows.h>

#ifndef WDA_EXCLUDEFROMCAPTURE
#define WDA_EXCLUDEFROMCAPTURE 0x00000011
#endif
#endif

namespace {
constexpr char ProtectedProperty[] = "mintCaptureProtected";

#ifdef Q_OS_WIN
void applyAffinity(QWidget* window)
{
    // Windows 10 version 2004 (build 19041) introduced WDA_EXCLUDEFROMCAPTURE.
    static const bool exclude = QOperatingSystemVersion::current() >= QOperatingSystemVersion(
                                    QOperatingSystemVersion::Windows, 10, 0, 19041);
    const auto hwnd = reinterpret_cast<HWND>(window->winId());
    if (hwnd)
        SetWindowDisplayAffinity(hwnd, exclude ? WDA_EXCLUDEFROMCAPTURE : WDA_MONITOR);
}

// The affinity belongs to the native window: set it whenever one is created or re-created.
class AffinityFilter final : public QObject {
public:
    explicit AffinityFilter(QWidget* window)
        : QObject(window)
    {
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if ((event->type() == QEvent::WinIdChange || event->type() == QEvent::Show)
            && watched == parent())
            applyAffinity(static_cast<QWidget*>(watched));
        return false;
    }
};
#endif
} // namespace

void CaptureGuard::protect(QWidget* window)
{
    if (!window || isProtected(window))
        return;
    window->setProperty(ProtectedProperty, true);
#ifdef Q_OS_WIN
    window->installEventFilter(new AffinityFilter(window));
    if (window->testAttribute(Qt::WA_WState_Created))
        applyAffinity(window);
#endif
}

bool CaptureGuard::isProtected(const QWidget* window)
{
    return window && window->property(ProtectedProperty).toBool();
}
