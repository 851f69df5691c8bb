#pragma once

#include <QDialog>

class FormMessage;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpacerItem;
class QVBoxLayout;

// The shape every dialog of the app shares: an optional header (icon, heading, one paragraph),
// the form, an error line, a busy row (indeterminate bar and what is happening) and Cancel plus
// one accept button. Subclasses say when they can submit and what submitting does. Closing by
// any route first clears every widget that held a secret (DESIGN §3 rule 1); while busy, Cancel
// and Escape wait for the operation to finish.
class FormDialog : public QDialog {
    Q_OBJECT
public:
    // Closes now, even while busy (the vault was locked); sensitive fields are cleared.
    void dismiss();
    [[nodiscard]] bool isBusy() const { return m_busy; }

    void done(int result) override;
    void reject() override;

    // Empties a password or value line edit together with its undo history.
    static void wipe(QLineEdit* edit);
    // Masks a password field and keeps input methods from learning or predicting what is typed.
    static void makePasswordEdit(QLineEdit* edit);

protected:
    explicit FormDialog(QWidget* parent);

    void setHeader(const QIcon& icon, const QString& heading, const QString& text);
    // The form takes the extra height when the dialog grows (a multi-line value field).
    void setFormExpands();
    // Sizes the dialog to width and the height its wrapped texts need at that width.
    void fitToWidth(int width);
    void setAcceptText(const QString& text);
    // Adds a field label (with its mnemonic) above field, then the field.
    QLabel* addField(const QString& label, QWidget* field);
    [[nodiscard]] QVBoxLayout* form() const { return m_form; }
    [[nodiscard]] QPushButton* acceptButton() const { return m_accept; }
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] FormMessage* errorMessage() const { return m_error; }

    void setBusy(bool busy, const QString& what = {});
    // What the accept button does: submit() when not busy and canSubmit().
    void trySubmit();
    // Enables the accept button when not busy and canSubmit().
    void refreshAccept();

    [[nodiscard]] virtual bool canSubmit() const = 0;
    virtual void submit() = 0;
    virtual void setInputsEnabled(bool enabled) = 0;
    virtual void clearSensitive() {}

    // A file path for display, allowed to wrap after each directory separator.
    static QString wrappablePath(const QString& path);

private:
    QLabel* m_icon;
    QLabel* m_heading;
    QLabel* m_text;
    QWidget* m_header;
    QVBoxLayout* m_layout;
    QVBoxLayout* m_form;
    QSpacerItem* m_spacer;
    FormMessage* m_error;
    QWidget* m_busyRow;
    QLabel* m_busyText;
    QProgressBar* m_busyBar;
    QDialogButtonBox* m_buttons;
    QPushButton* m_accept;
    QPushButton* m_cancel;
    bool m_busy = false;
};
