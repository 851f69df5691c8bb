#pragma once

#include <QElapsedTimer>
#include <QObject>

class QWidget;

// For the start-up benchmark: after the first complete paint of a window, prints
// "FIRST_PAINT <ms>" (milliseconds since the probe was created) on stdout and quits.
class FirstPaintProbe final : public QObject {
    Q_OBJECT
public:
    FirstPaintProbe(QWidget* window, QElapsedTimer started);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void report();

    QWidget* m_window;
    QElapsedTimer m_started;
    bool m_seen = false;
};
