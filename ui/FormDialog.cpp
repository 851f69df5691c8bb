#include "FormDialog.h"

#include "FormMessage.h"
#include "Theme.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpacerItem>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

FormDialog::FormDialog(QWidget* parent)
    : QDialog(parent)
    , m_icon(new QLabel(this))
    , m_heading(new QLabel(this))
    , m_text(new QLabel(this))
    , m_header(new QWidget(this))
    , m_layout(new QVBoxLayout(this))
    , m_form(new QVBoxLayout)
    , m_spacer(new QSpacerItem(0, 0, QSizePolicy::Minimum, QSizePolicy::Expanding))
    , m_error(new FormMessage(this))
    , m_busyRow(new QWidget(this))
    , m_busyText(new QLabel(this))
    , m_busyBar(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(this))
    , m_accept(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole))
    , m_cancel(m_buttons->addButton(QDialogButtonBox::Cancel))
{
    setWindowFlag(Qt::WindowContextHelpButtonHint, false);
    setSizeGripEnabled(false);

    m_icon->setFixedSize(40, 40);
    m_icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_heading->setObjectName(u"dialogHeading"_s);
    m_heading->setFont(Theme::headingFont(font(), 1.25));
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    m_text->setObjectName(u"dialogText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* headerText = new QVBoxLayout;
    headerText->setSpacing(4);
    headerText->addWidget(m_heading);
    headerText->addWidget(m_text);
    auto* header = new QHBoxLayout(m_header);
    header->setContentsMargins(0, 0, 0, 6);
    header->setSpacing(12);
    header->addWidget(m_icon, 0, Qt::AlignTop);
    header->addLayout(headerText, 1);
    m_header->hide();

    m_form->setSpacing(4);
    m_error->setObjectName(u"errorMessage"_s);

    m_busyText->setObjectName(u"busyText"_s);
    m_busyBar->setObjectName(u"busyBar"_s);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(8);
    m_busyBar->setAccessibleName(tr("Working"));
    auto* busy = new QHBoxLayout(m_busyRow);
    busy->setContentsMargins(0, 0, 0, 0);
    busy->addWidget(m_busyText);
    busy->addWidget(m_busyBar, 1);
    m_busyRow->hide();

    m_accept->setObjectName(u"acceptButton"_s);
    m_accept->setDefault(true);
    Theme::makePrimary(m_accept);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setIcon(QIcon()); // like the accept button: text only, whatever the style
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_accept, &QPushButton::clicked, this, &FormDialog::trySubmit);
    connect(m_cancel, &QPushButton::clicked, this, &FormDialog::reject);

    m_layout->setSizeConstraint(QLayout::SetMinimumSize);
    m_layout->setContentsMargins(18, 16, 18, 14);
    m_layout->setSpacing(8);
    m_layout->addWidget(m_header);
    m_layout->addLayout(m_form);
    m_layout->addWidget(m_error);
    m_layout->addWidget(m_busyRow);
    m_layout->addSpacerItem(m_spacer); // extra height goes here, not between label and field
    m_layout->addSpacing(4);
    m_layout->addWidget(m_buttons);
}

void FormDialog::setHeader(const QIcon& icon, const QString& heading, const QString& text)
{
    m_icon->setPixmap(icon.pixmap(QSize(36, 36)));
    m_icon->setVisible(!icon.isNull());
    m_heading->setText(heading);
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
    m_header->show();
}

void FormDialog::setFormExpands()
{
    m_spacer->changeSize(0, 0, QSizePolicy::Minimum, QSizePolicy::Fixed);
    m_layout->setStretchFactor(m_form, 1);
    m_layout->invalidate();
}

void FormDialog::fitToWidth(int width)
{
    const int height = heightForWidth(width);
    resize(width, height > 0 ? height : sizeHint().height());
}

void FormDialog::setAcceptText(const QString& text)
{
    m_accept->setText(text);
    m_accept->setAccessibleName(QString(text).remove(u'&'));
}

QLabel* FormDialog::addField(const QString& label, QWidget* field)
{
    auto* title = new QLabel(label, this);
    title->setBuddy(field);
    if (field->accessibleName().isEmpty())
        field->setAccessibleName(QString(label).remove(u'&'));
    if (m_form->count() > 0)
        m_form->addSpacing(6);
    m_form->addWidget(title);
    m_form->addWidget(field);
    return title;
}

void FormDialog::setBusy(bool busy, const QString& what)
{
    m_busy = busy;
    m_busyText->setText(what);
    m_busyText->setVisible(!what.isEmpty());
    m_busyRow->setVisible(busy);
    m_cancel->setEnabled(!busy);
    setInputsEnabled(!busy);
    if (busy)
        m_error->clearMessage();
    refreshAccept();
}

void FormDialog::trySubmit()
{
    if (!m_busy && canSubmit())
        submit();
}

void FormDialog::refreshAccept()
{
    m_accept->setEnabled(!m_busy && canSubmit());
}

QString FormDialog::wrappablePath(const QString& path)
{
    // Break only after a separator (zero-width space), never at a hyphen (non-breaking hyphen).
    QString shown = QDir::toNativeSeparators(path).replace(u'-', QChar(0x2011));
    const QChar separator = QDir::separator();
    return shown.replace(separator, QString(separator) + QChar(0x200B));
}

void FormDialog::makePasswordEdit(QLineEdit* edit)
{
    edit->setEchoMode(QLineEdit::Password);
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
}

void FormDialog::wipe(QLineEdit* edit)
{
    // setText (unlike clear) also empties the undo history, which would still hold the text.
    edit->setText(QString());
}

void FormDialog::dismiss()
{
    done(QDialog::Rejected);
}

void FormDialog::reject()
{
    if (m_busy)
        return; // the operation in flight decides; Escape and Cancel wait for it
    QDialog::reject();
}

void FormDialog::done(int result)
{
    clearSensitive();
    m_busy = false;
    QDialog::done(result);
}
