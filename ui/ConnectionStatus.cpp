#include "ConnectionStatus.h"

#include "SecretStore.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

ConnectionStatus::ConnectionStatus(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_state(new QLabel(this))
    , m_lastSync(new QLabel(this))
    , m_busy(new QProgressBar(this))
{
    setObjectName(u"connectionStatus"_s);
    m_icon->setObjectName(u"backendStateIcon"_s);
    m_state->setObjectName(u"backendStateLabel"_s);
    m_lastSync->setObjectName(u"lastSyncLabel"_s);
    m_busy->setObjectName(u"syncBusy"_s);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(48, 8);
    m_busy->setAccessibleName(tr("Syncing"));
    m_busy->hide();
    m_lastSync->hide();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_busy, 0, Qt::AlignVCenter);
    layout->addSpacing(4);
    layout->addWidget(m_lastSync);
    layout->addSpacing(8);
    layout->addWidget(m_icon);
    layout->addWidget(m_state);
}

void ConnectionStatus::setStore(SecretStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (store) {
        connect(store, &SecretStore::statusChanged, this, &ConnectionStatus::update);
        connect(store, &SecretStore::openChanged, this, &ConnectionStatus::update);
    }
    update();
}

QString ConnectionStatus::lastSyncText(const QDateTime& lastSync)
{
    if (!lastSync.isValid())
        return tr("Not synced yet");
    const QDateTime local = lastSync.toLocalTime();
    const QLocale locale;
    // Minutes are enough here (the tooltip has the full date); some locales' short format
    // still carries seconds.
    QString time = locale.timeFormat(QLocale::ShortFormat);
    time.remove(QRegularExpression(QStringLiteral("[:.]ss")));
    if (local.date() == QDate::currentDate())
        return tr("Last synced %1").arg(locale.toString(local.time(), time));
    return tr("Last synced %1")
        .arg(locale.toString(local.date(), QLocale::ShortFormat) + u' '
             + locale.toString(local.time(), time));
}

void ConnectionStatus::update()
{
    if (!m_store) {
        m_icon->clear();
        m_state->clear();
        m_lastSync->hide();
        m_busy->hide();
        return;
    }
    const auto connectivity = m_store->connectivity();
    QString icon;
    QString text;
    QString accessible;
    QString tip;
    switch (connectivity) {
    case SecretStore::Connectivity::Local: {
        const bool open = m_store->isOpen();
        icon = open ? u"lock-open"_s : u"lock"_s;
        text = open ? tr("Unlocked") : tr("Locked");
        accessible = open ? tr("Vault unlocked") : tr("Vault locked");
        break;
    }
    case SecretStore::Connectivity::Connecting:
        icon = u"connecting"_s;
        text = tr("Connecting…");
        accessible = tr("Connecting to %1").arg(m_store->displayName());
        break;
    case SecretStore::Connectivity::Online:
        icon = u"online"_s;
        text = tr("Online");
        accessible = tr("Online: connected to %1").arg(m_store->displayName());
        break;
    case SecretStore::Connectivity::Offline:
        icon = u"offline"_s;
        text = tr("Offline");
        accessible = tr("Offline: showing the last synced copy of %1").arg(m_store->displayName());
        tip = m_store->lastSyncError().message();
        break;
    }
    m_icon->setPixmap(Theme::icon(icon).pixmap(QSize(16, 16)));
    m_state->setText(text);
    m_state->setAccessibleName(accessible);
    m_state->setToolTip(tip);
    m_icon->setToolTip(tip);

    const bool remote = connectivity != SecretStore::Connectivity::Local;
    const QDateTime lastSync = m_store->lastSync();
    m_lastSync->setVisible(remote);
    m_lastSync->setText(lastSyncText(lastSync));
    m_lastSync->setToolTip(lastSync.isValid() ? tr("Last confirmed by the server on %1")
                                                    .arg(QLocale().toString(lastSync.toLocalTime(),
                                                                            QLocale::LongFormat))
                                              : QString());
    m_busy->setVisible(remote && m_store->isSyncing());
}
