#include "FirstPaintProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>

FirstPaintProbe::FirstPaintProbe(QWidget* window, QElapsedTimer started)
    : QObject(window)
    , m_window(window)
    , m_started(started)
{
    window->installEventFilter(this);
}

bool FirstPaintProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Paint && !m_seen) {
        m_seen = true;
        // The children paint right after the window in the same pass; report once it is done.
        QTimer::singleShot(0, this, &FirstPaintProbe::report);
    }
    return QObject::eventFilter(watched, event);
}

void FirstPaintProbe::report()
{
    std::printf("FIRST_PAINT %.1f\n", double(m_started.nsecsElapsed()) / 1e6);
    std::fflush(stdout);
    QCoreApplication::quit();
}
