#pragma once

#include <QObject>

class FormMessage;
class QLineEdit;
class QWidget;

// A new password typed twice, as when creating a vault or changing its password: two masked
// fields, a strength hint under the first and a mismatch message under the second. The dialog
// lays the four widgets out; this keeps the hints current and says when the pair is acceptable.
class NewPasswordFields final : public QObject {
    Q_OBJECT
public:
    explicit NewPasswordFields(QWidget* parent);

    [[nodiscard]] QLineEdit* password() const { return m_password; }
    [[nodiscard]] FormMessage* strength() const { return m_strength; }
    [[nodiscard]] QLineEdit* confirm() const { return m_confirm; }
    [[nodiscard]] FormMessage* mismatch() const { return m_mismatch; }

    // Long enough, and typed the same twice.
    [[nodiscard]] bool isAcceptable() const;
    void setReadOnly(bool readOnly);
    void wipe();

signals:
    void changed(); // either field changed; the hints are already up to date

private:
    void updateHints();

    QLineEdit* m_password;
    FormMessage* m_strength;
    QLineEdit* m_confirm;
    FormMessage* m_mismatch;
};
