#include "AboutDialog.h"

#include "Theme.h"
#include "crypto/CryptoLibrary.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QLabel* textLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
    , m_versions(textLabel(versionsText(), this))
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Mint Config"));
    setWindowFlag(Qt::WindowContextHelpButtonHint, false);

    auto* icon = new QLabel(this);
    icon->setObjectName(u"aboutIcon"_s);
    icon->setPixmap(Theme::appIcon().pixmap(QSize(64, 64), devicePixelRatio()));
    icon->setFixedSize(64, 64);

    auto* name = textLabel(tr("Mint Config"), this);
    name->setObjectName(u"aboutName"_s);
    name->setFont(Theme::headingFont(font()));
    auto* description =
        textLabel(tr("Manages the secrets that identity workflows import by reference ID."), this);
    description->setObjectName(u"aboutDescription"_s);

    // Tab reaches it and Ctrl+A, Ctrl+C copy it: what a bug report needs, in one go.
    m_versions->setObjectName(u"versionsLabel"_s);
    m_versions->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_versions->setFocusPolicy(Qt::StrongFocus);
    m_versions->setAccessibleDescription(tr("The versions in use; select them to copy them."));

    // The libraries' licences are named here rather than in Qt's own About Qt box, which runs a
    // nested event loop (QApplication::aboutQt), against DESIGN §1.
    auto* licence = textLabel(tr("Licensed under the Apache License 2.0.") + u'\n'
                                  + tr("© 2026 The Mint Config authors") + u'\n'
                                  + tr("Uses Qt (LGPL-3.0), OpenSSL (Apache-2.0) and QtKeychain "
                                       "(BSD-3-Clause)."),
                              this);
    licence->setObjectName(u"licenceLabel"_s);
    QPalette muted = licence->palette();
    muted.setColor(QPalette::WindowText, Theme::secondaryTextColor(muted));
    licence->setPalette(muted);

    auto* buttons = new QDialogButtonBox(this);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(u"closeButton"_s);
    m_close->setDefault(true);
    m_close->setIcon(QIcon()); // the style's own icon is not tinted to the palette
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* texts = new QVBoxLayout;
    texts->setSpacing(6);
    texts->addWidget(name);
    texts->addWidget(description);
    texts->addSpacing(6);
    texts->addWidget(m_versions);
    texts->addSpacing(6);
    texts->addWidget(licence);
    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(texts, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize); // never smaller than its texts
    layout->setContentsMargins(20, 18, 20, 14);
    layout->setSpacing(14);
    layout->addLayout(top);
    layout->addWidget(buttons);

    m_close->setFocus();
    const int width = qMax(440, fontMetrics().averageCharWidth() * 60);
    const int height = heightForWidth(width);
    resize(width, height > 0 ? height : sizeHint().height());
}

QString AboutDialog::versionsText()
{
    // A library as it is used, and the one the app was built with when that differs.
    const auto library = [](const QString& used, const QString& built, const QString& shown) {
        return used == built ? shown
                             : tr("%1 (built with %2)", "a library in use, then the one built with")
                                   .arg(shown, built);
    };
    const QString qt = QString::fromLatin1(qVersion());
    const QString openSsl = CryptoLibrary::versionText();
    return QStringList{tr("Version %1").arg(QApplication::applicationVersion()),
                       library(qt, QStringLiteral(QT_VERSION_STR), u"Qt "_s + qt),
                       library(openSsl, CryptoLibrary::buildVersionText(), openSsl)}
        .join(u'\n');
}
