#include "AutoLocker.h"

#include <QCoreApplication>
#include <QEvent>

AutoLocker::AutoLocker(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &AutoLocker::check);
    m_sinceInput.start();
    QCoreApplication::instance()->installEventFilter(this);
}

AutoLocker::~AutoLocker()
{
    if (auto* app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void AutoLocker::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    m_timer.setTimerType(timeout < std::chrono::minutes(1) ? Qt::CoarseTimer : Qt::VeryCoarseTimer);
    rearm();
}

void AutoLocker::setActive(bool active)
{
    m_active = active;
    m_sinceInput.restart();
    rearm();
}

bool AutoLocker::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
        m_sinceInput.restart(); // cheap; the timer itself is re-armed only when it fires
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void AutoLocker::rearm()
{
    if (m_active && m_timeout.count() > 0)
        m_timer.start(m_timeout);
    else
        m_timer.stop();
}

void AutoLocker::check()
{
    if (!m_active || m_timeout.count() <= 0)
        return;
    const auto idle = std::chrono::milliseconds(m_sinceInput.elapsed());
    if (idle >= m_timeout) {
        m_active = false;
        emit idleTimeout();
        return;
    }
    m_timer.start(m_timeout - idle);
}
