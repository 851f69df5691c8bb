#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A bar above the page while a remote backend is offline: "Offline — showing the last synced
// copy (read-only)", why (one sentence), and Retry.
class OfflineBanner final : public QFrame {
    Q_OBJECT
public:
    explicit OfflineBanner(QWidget* parent = nullptr);

    // reason: the store's lastSyncError sentence; may be empty.
    void setReason(const QString& reason);
    [[nodiscard]] QPushButton* retryButton() const { return m_retry; }

signals:
    void retryRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_reason;
    QPushButton* m_retry;
};
