#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

// Watches the application's user input and emits idleTimeout() once nobody has typed, clicked or
// scrolled for the configured time, while active. A zero timeout means never.
class AutoLocker final : public QObject {
    Q_OBJECT
public:
    explicit AutoLocker(QObject* parent = nullptr); // installs itself on the application
    ~AutoLocker() override;

    void setTimeout(std::chrono::milliseconds timeout);
    void setMinutes(int minutes) { setTimeout(std::chrono::minutes(minutes)); }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }

    // Counts idle time only while active (a vault is open).
    void setActive(bool active);
    [[nodiscard]] bool isActive() const { return m_active; }

signals:
    void idleTimeout();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rearm();
    void check();

    QTimer m_timer;
    QElapsedTimer m_sinceInput;
    std::chrono::milliseconds m_timeout{0};
    bool m_active = false;
};
