#pragma once

#include "SecretValue.h"

#include <QWidget>

class FormMessage;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class SecretClipboard;

// The value part of the Add and Edit dialogs: the value in clear (it is being created), a byte
// counter against the 64 KiB limit, "Generate" with length and character set, and "Copy" to a
// clipboard marked secret (as are Ctrl+C / Ctrl+X in the field). clearValue() wipes the text
// and its undo history.
class SecretValueEditor final : public QWidget {
    Q_OBJECT
public:
    explicit SecretValueEditor(SecretClipboard* clipboard, QWidget* parent = nullptr);

    [[nodiscard]] QPlainTextEdit* textEdit() const { return m_edit; }
    void setPlaceholderText(const QString& text);

    [[nodiscard]] bool isEmpty() const { return m_bytes == 0; }
    [[nodiscard]] qsizetype byteSize() const { return m_bytes; }
    [[nodiscard]] bool isTooLarge() const;
    // The UTF-8 bytes of the text, exactly as typed.
    [[nodiscard]] SecretValue value() const;

    void clearValue();
    void setInputEnabled(bool enabled);

signals:
    void changed();
    // Ctrl+Enter in the value field (Enter alone adds a line): the dialog's accept button.
    void submitRequested();

protected:
    // Copy and Cut in the field go through the marked clipboard too.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void copySelection(bool cut);
    void showContextMenu(const QPoint& pos);
    void onTextChanged();
    void generate();
    void copy();

    SecretClipboard* m_clipboard;
    QPlainTextEdit* m_edit;
    FormMessage* m_message;
    QLabel* m_counter;
    QPushButton* m_generate;
    QSpinBox* m_length;
    QComboBox* m_charset;
    QPushButton* m_copy;
    qsizetype m_bytes = 0;
};
