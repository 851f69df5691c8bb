#include "PreferencesDialog.h"

#include "FormMessage.h"
#include "Settings.h"

#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

PreferencesDialog::PreferencesDialog(Settings& settings, QWidget* parent)
    : FormDialog(parent)
    , m_settings(settings)
    , m_autoLock(new QSpinBox(this))
{
    setObjectName(u"preferencesDialog"_s);
    setWindowTitle(tr("Preferences"));
    setAcceptText(tr("&Save"));

    m_autoLock->setObjectName(u"autoLockSpin"_s);
    m_autoLock->setRange(0, 24 * 60);
    m_autoLock->setSpecialValueText(tr("Never"));
    m_autoLock->setSuffix(tr(" min", "minutes"));
    m_autoLock->setValue(settings.autoLockMinutes());
    addField(tr("&Lock the vault after this much time without input"), m_autoLock);

    auto* clipboard = new QLabel(tr("Copied values are cleared from the clipboard after %n "
                                    "second(s).",
                                    nullptr, settings.clipboardClearSeconds()),
                                 this);
    clipboard->setWordWrap(true);
    form()->addSpacing(8);
    form()->addWidget(clipboard);
    m_autoLock->setFocus();
    fitToWidth(420);
    refreshAccept();
}

void PreferencesDialog::submit()
{
    m_settings.setAutoLockMinutes(m_autoLock->value());
    accept();
}

void PreferencesDialog::setInputsEnabled(bool enabled)
{
    m_autoLock->setEnabled(enabled);
}
