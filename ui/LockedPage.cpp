#include "LockedPage.h"

#include "Theme.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

LockedPage::LockedPage(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(tr("Vault locked"), this))
    , m_name(new QLabel(this))
    , m_unlock(
          new QPushButton(Theme::icon(u"lock-open", palette().color(QPalette::HighlightedText)),
                          tr("&Unlock…"), this))
{
    setObjectName(u"lockedPage"_s);
    m_icon->setAlignment(Qt::AlignCenter);
    m_title->setObjectName(u"lockedHeading"_s);
    m_title->setFont(Theme::headingFont(font(), 1.5));
    m_title->setAlignment(Qt::AlignCenter);
    m_name->setObjectName(u"lockedVaultName"_s);
    m_name->setAlignment(Qt::AlignCenter);
    m_name->setWordWrap(true);
    m_name->setTextFormat(Qt::PlainText);
    m_unlock->setObjectName(u"unlockButton"_s);
    m_unlock->setAccessibleName(tr("Unlock the vault"));
    m_unlock->setAutoDefault(true); // Enter activates it when focused, as Space does
    Theme::makePrimary(m_unlock);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addWidget(m_title);
    layout->addWidget(m_name);
    layout->addSpacing(12);
    layout->addWidget(m_unlock, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    connect(m_unlock, &QPushButton::clicked, this, &LockedPage::unlockRequested);
}

void LockedPage::setVaultName(const QString& name)
{
    m_icon->setPixmap(Theme::icon(u"lock", Theme::mutedColor(palette())).pixmap(QSize(64, 64)));
    m_title->setText(tr("Vault locked"));
    m_unlock->setText(tr("&Unlock…"));
    m_unlock->setIcon(Theme::icon(u"lock-open", palette().color(QPalette::HighlightedText)));
    m_unlock->setAccessibleName(tr("Unlock the vault"));
    m_name->setText(tr("Unlock the vault %1 to see and manage its secrets.").arg(name));
}

void LockedPage::setRemoteName(const QString& name)
{
    m_icon->setPixmap(Theme::icon(u"cloud", Theme::mutedColor(palette())).pixmap(QSize(64, 64)));
    m_title->setText(tr("Not signed in"));
    m_name->setText(tr("Sign in to %1 to see and manage its secrets.").arg(name));
    m_unlock->setText(tr("&Sign in…"));
    m_unlock->setIcon(Theme::icon(u"cloud", palette().color(QPalette::HighlightedText)));
    m_unlock->setAccessibleName(tr("Sign in to %1").arg(name));
}
