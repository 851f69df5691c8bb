#include "AccessPage.h"

#include "PermissionText.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AccessPage::AccessPage(QWidget* parent)
    : QWidget(parent)
    , m_roles(new QLabel(this))
    , m_subject(new QLabel(this))
    , m_localVault(new QPushButton(tr("Switch to &local vault"), this))
    , m_manage(new QPushButton(tr("&Manage connections…"), this))
{
    setObjectName(u"accessPage"_s);
    auto* icon = new QLabel(this);
    icon->setPixmap(Theme::icon(u"no-access", Theme::mutedColor(palette())).pixmap(QSize(64, 64)));
    icon->setAlignment(Qt::AlignCenter);
    auto* title = new QLabel(tr("You have no access to secrets"), this);
    title->setObjectName(u"accessHeading"_s);
    title->setFont(Theme::headingFont(font(), 1.5));
    title->setAlignment(Qt::AlignCenter);
    title->setWordWrap(true);
    for (QLabel* label : {m_roles, m_subject}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_roles->setObjectName(u"accessRoles"_s);
    m_subject->setObjectName(u"accessSubject"_s);
    m_subject->setPalette([this] {
        QPalette p = palette();
        p.setColor(QPalette::WindowText, Theme::secondaryTextColor(p));
        return p;
    }());
    m_localVault->setObjectName(u"accessLocalVaultButton"_s);
    m_manage->setObjectName(u"accessManageButton"_s);
    Theme::makePrimary(m_localVault);
    m_localVault->setAutoDefault(true); // Enter activates a focused button, as Space does
    m_manage->setAutoDefault(true);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_localVault);
    buttons->addWidget(m_manage);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 24, 48, 24);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addSpacing(4);
    // A readable measure: at most about 70 characters a line, centred, however wide the window.
    m_roles->setMaximumWidth(fontMetrics().averageCharWidth() * 70);
    auto* measure = new QHBoxLayout;
    measure->addStretch(1);
    measure->addWidget(m_roles, 100);
    measure->addStretch(1);
    layout->addLayout(measure);
    layout->addWidget(m_subject);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    connect(m_localVault, &QPushButton::clicked, this, &AccessPage::localVaultRequested);
    connect(m_manage, &QPushButton::clicked, this, &AccessPage::manageConnectionsRequested);
}

void AccessPage::setAccount(const QString& backend, const QString& subject,
                            const QStringList& roles)
{
    const QString names = PermissionText::alternatives(roles);
    m_roles->setText(
        names.isEmpty()
            ? tr("Your account on %1 has no role that lets it view secrets. Ask an administrator "
                 "for access.")
                  .arg(backend)
            : tr("Viewing secrets on %1 needs the %2 role. Ask an administrator to give it to "
                 "your account.")
                  .arg(backend, names));
    m_subject->setText(subject.isEmpty() ? QString() : tr("Signed in as %1.").arg(subject));
    m_subject->setVisible(!subject.isEmpty());
}
