#include "SecretValueEditor.h"

#include "FormMessage.h"
#include "PasswordGenerator.h"
#include "SecretClipboard.h"
#include "SecretStore.h"
#include "Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// UTF-8 length of text without making an encoded copy of it.
qsizetype utf8Length(QStringView text)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                 && QChar::isLowSurrogate(text[i + 1].unicode())) {
            bytes += 4;
            ++i;
        } else
            bytes += 3;
    }
    return bytes;
}

// Best effort: overwrite a temporary copy of the value before it is freed.
void wipe(QString& text)
{
    std::fill(text.begin(), text.end(), QChar(u'\0'));
    text.clear();
}

} // namespace

SecretValueEditor::SecretValueEditor(SecretClipboard* clipboard, QWidget* parent)
    : QWidget(parent)
    , m_clipboard(clipboard)
    , m_edit(new QPlainTextEdit(this))
    , m_message(new FormMessage(this))
    , m_counter(new QLabel(this))
    , m_generate(new QPushButton(Theme::icon(u"generate"), tr("&Generate"), this))
    , m_length(new QSpinBox(this))
    , m_charset(new QComboBox(this))
    , m_copy(new QPushButton(Theme::icon(u"copy"), tr("Cop&y"), this))
{
    m_edit->setObjectName(u"valueEdit"_s);
    m_edit->setAccessibleName(tr("Secret value"));
    m_edit->setFont(Theme::monospaceFont());
    m_edit->setTabChangesFocus(true);
    // Enter adds a line (values may span lines, e.g. a PEM key): Ctrl+Enter saves.
    m_edit->setAccessibleDescription(
        tr("Enter starts a new line; %1 saves.")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    m_edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_edit->setContextMenuPolicy(Qt::CustomContextMenu); // its Copy is marked secret
    m_edit->installEventFilter(this);
    const int lineHeight = m_edit->fontMetrics().lineSpacing();
    m_edit->setMinimumHeight(lineHeight * 4 + 2 * m_edit->frameWidth() + 8);
    m_edit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_message->setObjectName(u"valueMessage"_s);
    m_counter->setObjectName(u"byteCounter"_s);
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_counter->setAccessibleName(tr("Value size"));

    m_generate->setObjectName(u"generateButton"_s);
    m_generate->setAccessibleName(tr("Generate a random value"));
    m_generate->setToolTip(tr("Replace the value with a new random one"));
    m_generate->setAutoDefault(false);

    m_length->setObjectName(u"lengthSpin"_s);
    m_length->setAccessibleName(tr("Generated length"));
    m_length->setRange(PasswordGenerator::MinLength, PasswordGenerator::MaxLength);
    m_length->setValue(PasswordGenerator::DefaultLength);
    m_length->setSuffix(tr(" chars", "generated value length"));

    m_charset->setObjectName(u"charsetCombo"_s);
    m_charset->setAccessibleName(tr("Generated character set"));
    using PasswordGenerator::Charset;
    m_charset->addItem(tr("URL-safe"), int(Charset::UrlSafe));
    m_charset->addItem(tr("Letters and digits"), int(Charset::Alphanumeric));
    m_charset->addItem(tr("Hexadecimal"), int(Charset::Hex));
    m_charset->addItem(tr("Printable ASCII"), int(Charset::Printable));
    const QStringList hints{tr("A–Z a–z 0–9 - _  (safe in headers, URLs and JSON)"),
                            tr("A–Z a–z 0–9"), tr("0–9 a–f"),
                            tr("Every printable ASCII character except space")};
    for (int i = 0; i < hints.size(); ++i)
        m_charset->setItemData(i, hints[i], Qt::ToolTipRole);

    m_copy->setObjectName(u"copyButton"_s);
    m_copy->setAccessibleName(tr("Copy the value"));
    m_copy->setToolTip(tr("Copy the value; the clipboard is cleared after %n second(s)", nullptr,
                          m_clipboard->clearAfterSeconds()));
    m_copy->setAutoDefault(false);

    auto* lengthLabel = new QLabel(tr("&Length"), this);
    lengthLabel->setBuddy(m_length);
    auto* charsetLabel = new QLabel(tr("C&haracters"), this);
    charsetLabel->setBuddy(m_charset);

    auto* status = new QHBoxLayout;
    status->addWidget(m_message, 1);
    status->addWidget(m_counter, 0, Qt::AlignTop);

    auto* tools = new QHBoxLayout;
    tools->addWidget(m_generate);
    tools->addSpacing(6);
    tools->addWidget(lengthLabel);
    tools->addWidget(m_length);
    tools->addSpacing(6);
    tools->addWidget(charsetLabel);
    tools->addWidget(m_charset);
    tools->addStretch(1);
    tools->addWidget(m_copy);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 1);
    layout->addLayout(status);
    layout->addSpacing(2);
    layout->addLayout(tools);

    setTabOrder(m_edit, m_generate);
    setTabOrder(m_generate, m_length);
    setTabOrder(m_length, m_charset);
    setTabOrder(m_charset, m_copy);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &SecretValueEditor::onTextChanged);
    connect(m_edit, &QWidget::customContextMenuRequested, this,
            &SecretValueEditor::showContextMenu);
    connect(m_generate, &QPushButton::clicked, this, &SecretValueEditor::generate);
    connect(m_copy, &QPushButton::clicked, this, &SecretValueEditor::copy);
    connect(m_clipboard, &SecretClipboard::cleared, this, [this] {
        if (m_message->kind() == FormMessage::Kind::Success)
            m_message->showMessage(tr("The clipboard was cleared."), FormMessage::Kind::Hint);
    });
    onTextChanged();
}

void SecretValueEditor::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

bool SecretValueEditor::isTooLarge() const
{
    return m_bytes > SecretStore::MaxValueSize;
}

SecretValue SecretValueEditor::value() const
{
    QString text = m_edit->toPlainText();
    SecretValue value = SecretValue::fromText(text);
    wipe(text);
    return value;
}

void SecretValueEditor::clearValue()
{
    m_edit->clear(); // also drops the undo/redo history
    m_message->clearMessage();
}

void SecretValueEditor::setInputEnabled(bool enabled)
{
    m_edit->setReadOnly(!enabled);
    m_generate->setEnabled(enabled);
    m_length->setEnabled(enabled);
    m_charset->setEnabled(enabled);
}

void SecretValueEditor::onTextChanged()
{
    QString text = m_edit->toPlainText();
    m_bytes = utf8Length(text);
    wipe(text);

    const QLocale locale;
    m_counter->setText(
        tr("%1 of %2 bytes")
            .arg(locale.toString(m_bytes), locale.toString(qlonglong(SecretStore::MaxValueSize))));
    QPalette p = m_counter->palette();
    p.setColor(QPalette::WindowText, isTooLarge() ? Theme::errorColor(palette())
                                                  : palette().color(QPalette::PlaceholderText));
    m_counter->setPalette(p);
    if (isTooLarge())
        m_message->showMessage(tr("The value is larger than 64 KiB. Shorten it to save."));
    else if (m_message->kind() == FormMessage::Kind::Error)
        m_message->clearMessage();
    m_copy->setEnabled(m_bytes > 0);
    emit changed();
}

bool SecretValueEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::Cut)) {
            copySelection(key->matches(QKeySequence::Cut));
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ControlModifier)) {
            emit submitRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SecretValueEditor::copySelection(bool cut)
{
    QTextCursor cursor = m_edit->textCursor();
    if (!cursor.hasSelection())
        return;
    QString text = cursor.selectedText().replace(QChar::ParagraphSeparator, u'\n');
    m_clipboard->copySecret(text);
    wipe(text);
    if (cut && !m_edit->isReadOnly())
        cursor.removeSelectedText();
    m_message->showMessage(tr("Copied. The clipboard is cleared in %n second(s).", nullptr,
                              m_clipboard->clearAfterSeconds()),
                           FormMessage::Kind::Success);
}

void SecretValueEditor::showContextMenu(const QPoint& pos)
{
    const bool selection = m_edit->textCursor().hasSelection();
    const bool editable = !m_edit->isReadOnly();
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction* cut = menu->addAction(tr("Cu&t"), this, [this] { copySelection(true); });
    cut->setEnabled(selection && editable);
    QAction* copy = menu->addAction(tr("&Copy"), this, [this] { copySelection(false); });
    copy->setEnabled(selection);
    QAction* paste = menu->addAction(tr("&Paste"), m_edit, &QPlainTextEdit::paste);
    paste->setEnabled(editable && m_edit->canPaste());
    menu->addSeparator();
    menu->addAction(tr("Select &all"), m_edit, &QPlainTextEdit::selectAll);
    menu->popup(m_edit->viewport()->mapToGlobal(pos));
}

void SecretValueEditor::generate()
{
    const auto charset = PasswordGenerator::Charset(m_charset->currentData().toInt());
    const SecretValue generated = PasswordGenerator::generate(m_length->value(), charset);
    QString text = QString::fromLatin1(generated.data(), generated.size());
    m_edit->setPlainText(text);
    wipe(text);
    m_edit->setFocus();
    m_message->clearMessage();
}

void SecretValueEditor::copy()
{
    QString text = m_edit->toPlainText();
    m_clipboard->copySecret(text);
    wipe(text);
    m_message->showMessage(tr("Copied. The clipboard is cleared in %n second(s).", nullptr,
                              m_clipboard->clearAfterSeconds()),
                           FormMessage::Kind::Success);
}
