#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class SecretStore;

// The status bar's backend state: the lock state of a local vault, or for a remote backend
// Online / Offline / Connecting with an icon, when it last synced (full date in the tooltip)
// and a small busy bar while a sync runs.
class ConnectionStatus final : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionStatus(QWidget* parent = nullptr);

    void setStore(SecretStore* store);
    // Reads the store again (connected to its statusChanged and openChanged).
    void update();

    // "Last synced 10:42" for today, else with the date; "Not synced yet" when invalid.
    [[nodiscard]] static QString lastSyncText(const QDateTime& lastSync);

private:
    QPointer<SecretStore> m_store;
    QLabel* m_icon;
    QLabel* m_state;
    QLabel* m_lastSync;
    QProgressBar* m_busy;
};
